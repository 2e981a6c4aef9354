"""The ask path: question and history -> retrieval -> answer -> verified citations."""
