"""article-assistant: answers questions about an article corpus with verified citations."""
