"""Ask the judge about every answered case, `runs` times, and summarize what it said.

Each sentence of an answer is judged against the quote(s) it cites, together: an extractive
answer such as "17 key tasks [1] The campaign … 58 specific action points. [2]" is one sentence
citing two quotes, and neither quote alone is all it rests on. The answers themselves are not
asked again; the spread over runs is the judge's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.ask.answer.citations import parse, strip_markers
from assistant.ask.llm.client import ChatClient, Message
from assistant.errors import LLMError
from assistant.prompts import Prompts
from evals.judge.metrics import (
    CaseJudgement,
    JudgeReport,
    RunJudgement,
    SentenceVerdict,
    summarize_judge,
)
from evals.judge.verdicts import (
    REPLY_MAX_TOKENS,
    read_rating,
    read_support,
    relevance_prompt,
    support_prompt,
)
from evals.runner import CaseResult
from index.pipeline import Progress


class Judge:
    def __init__(self, chat: ChatClient, prompts: Prompts) -> None:
        self._chat = chat
        self._prompts = prompts

    def case(self, result: CaseResult) -> CaseJudgement:
        """Every cited sentence's support, then the answer's relevance."""
        answer = result.answer
        if answer is None:
            raise ValueError(f"{result.key} has no answer to judge")
        quotes = {c.n: c.quote for c in answer.citations}
        verdicts = []
        for sentence in parse(answer.answer):
            cited = [quotes[n] for n in sentence.markers if n in quotes]
            if not cited:
                continue  # uncited: nothing to be faithful to (the verifier keeps none)
            reply = self._ask(support_prompt(self._prompts, sentence.text, cited))
            verdicts.append(
                SentenceVerdict(
                    sentence=sentence.text,
                    markers=[n for n in sentence.markers if n in quotes],
                    supported=read_support(reply),
                    reply=reply,
                )
            )
        history = [turn.to_turn() for turn in result.case.history]
        prompt = relevance_prompt(
            self._prompts, result.case.question, strip_markers(answer.answer), history
        )
        reply = self._ask(prompt)
        return CaseJudgement(
            key=result.key, sentences=verdicts, rating=read_rating(reply), rating_reply=reply
        )

    def _ask(self, prompt: str) -> str:
        return self._chat.complete([Message("user", prompt)], max_tokens=REPLY_MAX_TOKENS).strip()


def judge_results(
    results: Sequence[CaseResult],
    judge: Judge,
    *,
    runs: int,
    model: str,
    endpoint: str,
    progress: Progress | None = None,
) -> JudgeReport:
    """Judge the answered cases `runs` times; a failing model ends judging, not the evaluation."""
    answered = [r for r in results if r.answer is not None and not r.answer.abstained]
    if progress is not None:
        progress.start(runs * len(answered))
    done: list[RunJudgement] = []
    error: str | None = None
    try:
        for run in range(1, runs + 1):
            cases = []
            for result in answered:
                cases.append(judge.case(result))
                if progress is not None:
                    progress.advance(f"{run}/{runs} {result.key}")
            done.append(RunJudgement(run=run, cases=cases))
    except LLMError as exc:
        error = str(exc)
    return summarize_judge(
        done,
        model=model,
        endpoint=endpoint,
        runs_requested=runs,
        judged_cases=len(answered),
        error=error,
    )
