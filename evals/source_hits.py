"""What the retriever put in its top k for a case's question: which documents (hit@k), and
whether their passages hold the expected answer at all (the most a reader of them can pass).

The engine does not report what it retrieved, so the same query (question plus folded history,
as `assistant.ask.followup` builds it) goes to the container's own retriever, with the same k.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.ask.followup import retrieval_query
from assistant.container import Container
from assistant.schema import Scope, Turn
from evals.dataset import EvalCase
from evals.matching import fold, occurs
from evals.scoring import names_source


@dataclass(frozen=True)
class RetrievedChunk:
    doc_id: str
    title: str
    text: str


def retrieved_chunks(
    container: Container, question: str, history: Sequence[Turn], scope: Scope | None = None
) -> list[RetrievedChunk]:
    """Each retrieved chunk, best first, as the engine would retrieve them."""
    engine = container.engine
    question = engine.check_question(question)
    query = retrieval_query(question, history, engine.history_turns)
    nodes = container.retriever.search(query, engine.top_k, engine.search_scope(question, scope))
    return [
        RetrievedChunk(
            doc_id=str(n.node.metadata.get("doc_id", "")),
            title=str(n.node.metadata.get("title", "")),
            text=n.node.get_content(),
        )
        for n in nodes
    ]


def answer_retrieved(case: EvalCase, chunks: Sequence[RetrievedChunk]) -> bool | None:
    """Whether the retrieved chunks of the case's sources hold every expected fact (each in one
    chunk, folded as the scorer folds): only then can a reader of these passages pass the case.
    None for a case without sources (an abstention case has none): nothing to reach."""
    if not case.sources or not case.expect:
        return None
    held = [fold(c.text) for c in chunks if names_source(case.sources, c.doc_id, c.title)]
    return all(
        any(occurs(fold(alternative), text) for alternative in group for text in held)
        for group in case.expect
    )
