"""The HTML report's feedback section, for a run over `assistant feedback export` cases: how
many 👍 and 👎 cases there are and how many pass now, and the newest 👎 in full."""

from __future__ import annotations

from html import escape

from evals.runner import CaseResult


def feedback_section(results: list[CaseResult]) -> list[str]:
    """Nothing when no case came from feedback."""
    rated = [r for r in results if (r.case.provenance or {}).get("feedback_ids")]
    if not rated:
        return []
    rows = []
    for tag, mark in (("thumbs-up", "👍"), ("thumbs-down", "👎")):
        cases = [r for r in rated if tag in r.case.tags]
        passing = sum(r.score.passed for r in cases)
        rows.append(
            f"<tr><td>{mark} cases</td><td>{len(cases)}</td><td>{passing} pass now</td></tr>"
        )
    sections = [
        "<h2>Feedback</h2>",
        f'<table class="metrics"><tr><th>feedback</th><th>cases</th><th>now</th></tr>'
        f"{''.join(rows)}</table>",
    ]
    downs = [r for r in rated if "thumbs-down" in r.case.tags]
    if downs:
        newest = max(downs, key=lambda r: (r.case.provenance or {}).get("feedback_at", ""))
        provenance = newest.case.provenance or {}
        verdict = "pass" if newest.score.passed else "fail"
        wanted = (
            "abstain"
            if newest.case.abstain
            else " and ".join(" | ".join(group) for group in newest.case.expect)
        )
        sections.append(
            f"<p><strong>Newest 👎</strong> ({escape(provenance.get('feedback_at', ''))}, "
            f"{escape(provenance.get('surface', ''))}): {escape(newest.case.question)}<br>"
            f'<span class="muted">expected: {escape(wanted)}'
            + (f" · comment: {escape(provenance['comment'])}" if "comment" in provenance else "")
            + f'</span><br>now: <span class="{verdict}">{verdict.upper()}</span> '
            f"{escape(newest.score.reason)}</p>"
        )
    return sections
