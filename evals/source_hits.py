"""Retrieval hit@k: which documents the retriever puts in its top k for a case's question.

The engine does not report what it retrieved, so the same query (question plus folded history,
as `assistant.followup` builds it) goes to a retriever built by the same factory from the same
settings, with the same k.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.container import Container
from assistant.followup import retrieval_query
from assistant.retrieval.base import Retriever
from assistant.retrieval.modes import build_retriever
from assistant.schema import Turn


def retriever_of(container: Container) -> Retriever:
    settings = container.settings
    return build_retriever(
        settings.retrieval_mode, settings, container.store, container.embedder, container.lexical
    )


def retrieved_documents(
    retriever: Retriever, container: Container, question: str, history: Sequence[Turn]
) -> list[tuple[str, str]]:
    """(doc id, title) of each retrieved chunk, best first, as the engine would retrieve them."""
    engine = container.engine
    query = retrieval_query(engine.check_question(question), history, engine.history_turns)
    nodes = retriever.search(query, engine.top_k)
    return [
        (str(n.node.metadata.get("doc_id", "")), str(n.node.metadata.get("title", "")))
        for n in nodes
    ]
