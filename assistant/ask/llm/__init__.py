"""Language models over the OpenAI wire format, and the local model that runs offline."""
