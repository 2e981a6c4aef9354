"""Finding the chunks that may answer a question, behind llama-index's BaseRetriever."""
