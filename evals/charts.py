"""Inline SVG charts for the HTML report, drawn by hand so the report needs no script or CDN."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

_WIDTH = 640
_ROW = 26
_LABEL = 170
_VALUE = 110
_BAR = _WIDTH - _LABEL - _VALUE
_PASS = "#2e7d32"
_FAIL = "#c62828"
_TRACK = "#eceff1"
_INK = "#263238"


def bar_chart(rows: Sequence[tuple[str, float, str]], *, title: str) -> str:
    """Horizontal bars of rates in [0, 1]: (label, rate, text shown beside the bar)."""
    height = _ROW * len(rows) + 8
    parts = [_open(height, title)]
    for i, (label, rate, text) in enumerate(rows):
        y = 4 + i * _ROW
        fill = _PASS if rate >= 0.95 else _FAIL if rate < 0.5 else "#f9a825"
        width = round(max(0.0, min(1.0, rate)) * _BAR, 1)
        parts.append(
            f'<text x="{_LABEL - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{_LABEL}" y="{y + 3}" width="{_BAR}" height="18" fill="{_TRACK}"/>'
            f'<rect x="{_LABEL}" y="{y + 3}" width="{width}" height="18" fill="{fill}">'
            f"<title>{escape(label)}: {escape(text)}</title></rect>"
            f'<text x="{_LABEL + _BAR + 8}" y="{y + 16}">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram(values: Sequence[float], *, title: str, unit: str, marks: dict[str, float]) -> str:
    """Counts of `values` in equal-width bins, with labelled vertical marks (e.g. p50, p95)."""
    if not values:
        return f'<p class="empty">{escape(title)}: no values.</p>'
    low, high = min(values), max(values)
    bins = max(1, min(20, math.ceil(math.sqrt(len(values)))))
    step = (high - low) / bins or 1.0
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, int((value - low) / step))] += 1
    plot_h, left, bottom = 150, 40, 36
    height = plot_h + bottom + 24
    plot_w = _WIDTH - left - 16
    most = max(counts)
    parts = [_open(height, title)]
    bar_w = plot_w / bins
    for i, count in enumerate(counts):
        h = plot_h * count / most
        x = left + i * bar_w
        lo, hi = low + i * step, low + (i + 1) * step
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{24 + plot_h - h:.1f}" width="{bar_w - 2:.1f}" '
            f'height="{h:.1f}" fill="#546e7a"><title>{lo:.0f}–{hi:.0f} {escape(unit)}: '
            f"{count}</title></rect>"
        )
    axis_y = 24 + plot_h
    parts.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="{_INK}"/>'
        f'<text x="{left}" y="{axis_y + 16}">{low:.0f} {escape(unit)}</text>'
        f'<text x="{left + plot_w}" y="{axis_y + 16}" text-anchor="end">'
        f"{high:.0f} {escape(unit)}</text>"
        f'<text x="{left - 6}" y="30" text-anchor="end">{most}</text>'
        f'<text x="{left - 6}" y="{axis_y}" text-anchor="end">0</text>'
    )
    for name, value in marks.items():
        x = left + plot_w * ((value - low) / (high - low) if high > low else 0.5)
        parts.append(
            f'<line x1="{x:.1f}" y1="18" x2="{x:.1f}" y2="{axis_y}" stroke="{_FAIL}" '
            f'stroke-dasharray="4 3"/><text x="{x + 4:.1f}" y="16">{escape(name)} '
            f"{value:.0f} {escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(height: int, title: str) -> str:
    return (
        f'<svg viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="system-ui, sans-serif" font-size="12" fill="{_INK}">'
        f"<title>{escape(title)}</title>"
    )
