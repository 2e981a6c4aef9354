"""Other people's dataset formats, turned into evaluation cases."""
