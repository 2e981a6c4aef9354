"""Retrieval hit@k: which documents the retriever puts in its top k for a case's question.

The engine does not report what it retrieved, so the same query (question plus folded history,
as `assistant.ask.followup` builds it) goes to the container's own retriever, with the same k.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.ask.followup import retrieval_query
from assistant.container import Container
from assistant.schema import Scope, Turn


def retrieved_documents(
    container: Container, question: str, history: Sequence[Turn], scope: Scope | None = None
) -> list[tuple[str, str]]:
    """(doc id, title) of each retrieved chunk, best first, as the engine would retrieve them."""
    engine = container.engine
    question = engine.check_question(question)
    query = retrieval_query(question, history, engine.history_turns)
    nodes = container.retriever.search(query, engine.top_k, engine.search_scope(question, scope))
    return [
        (str(n.node.metadata.get("doc_id", "")), str(n.node.metadata.get("title", "")))
        for n in nodes
    ]
