"""Horizontal bar charts as inline SVG, written by hand: no library, no script.

One kind of chart covers every figure of a report: a row per month, site, domain, mood,
strategy or status, with a bar per series.  Several series either get a panel each,
with its own scale (sessions | participants), or share one scale, bars grouped per row
(check-in vs check-out).  Each bar carries its figure as text; a hidden small count
(``None``) gets no bar, only its text ("<3").  Series differ by pattern as well as
colour, so a chart printed in black and white still reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ccfacil.cards.domainstyle import num
from ccfacil.export.html import esc
from ccfacil.printing.metrics import text_width, wrap

WIDTH = 400.0  # user units; the chart is scaled to its column
FONT = 11.0
HEAD = 18.0
ROW = 19.0
GROUPED_BAR = 11.0
GAP = 10.0
LEADING = 1.15
MAX_LABEL = 0.42  # of the width, at most, for the row labels
SOLID, HATCH, DOTS = "solid", "hatch", "dots"


@dataclass
class Series:
    label: str
    values: Sequence[float | None]  # None: a hidden count (no bar)
    shown: Sequence[str]  # the text beside each bar
    colour: str = "#2f5d8a"
    pattern: str = SOLID


def bars(uid: str, title: str, labels: Sequence[str], series: Sequence[Series], *,
         grouped: bool = False, row_colours: Sequence[str] | None = None) -> str:
    """The chart as an ``<svg>`` element ("" when there are no rows).

    ``uid`` makes the ids inside unique in the page; ``row_colours`` colours each row's
    bar (one series only: e.g. each domain in its own colour).
    """
    if not labels or not series:
        return ""
    label_size, lines = _labels(labels)
    left = max(text_width(line) for found in lines for line in found) * label_size + 8
    panels = [list(series)] if grouped else [[s] for s in series]
    panel_width = (WIDTH - left - GAP * (len(panels) - 1)) / len(panels)
    per_row = GROUPED_BAR * len(series) + 6 if grouped and len(series) > 1 else ROW
    per_row = max(per_row, max(map(len, lines)) * label_size * LEADING + 4)
    height = HEAD + per_row * len(labels) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(WIDTH)} '
             f'{num(height)}" role="img" aria-labelledby="{uid}-t" '
             f'font-size="{num(FONT)}">',
             f'<title id="{uid}-t">{esc(title)}</title>',
             _patterns(uid, series)]
    for row, found in enumerate(lines):
        y = (HEAD + row * per_row + per_row / 2 + label_size * 0.35
             - (len(found) - 1) * label_size * LEADING / 2)
        spans = "".join(f'<tspan x="{num(left - 6)}" dy="{num(label_size * LEADING) if n else 0}">'
                        f'{esc(line)}</tspan>' for n, line in enumerate(found))
        parts.append(f'<text y="{num(y)}" text-anchor="end" '
                     f'font-size="{num(label_size)}">{spans}</text>')
    for index, group in enumerate(panels):
        x0 = left + index * (panel_width + GAP)
        parts += _panel(uid, x0, panel_width, group, len(labels), per_row, grouped,
                        row_colours if len(series) == 1 else None)
    parts.append("</svg>")
    return "".join(parts)


def _labels(labels: Sequence[str]) -> tuple[float, list[list[str]]]:
    """The labels' type size and lines: long labels go on two lines, then get smaller
    type; a word is never cut."""
    room = WIDTH * MAX_LABEL - 8
    lines = [[label] for label in labels]
    widest = max(text_width(label) for label in labels) * FONT
    if widest <= room:
        return FONT, lines
    wrapped = [wrap(label, room / FONT) for label in labels]
    if max(map(len, wrapped)) <= 2:
        lines = wrapped
    widest = max(text_width(line) for found in lines for line in found) * FONT
    return (FONT if widest <= room else max(6.0, FONT * room / widest)), lines


def _panel(uid: str, x0: float, width: float, group: list[Series], rows: int,
           per_row: float, grouped: bool, row_colours: Sequence[str] | None) -> list[str]:
    parts = []
    if grouped and len(group) > 1:  # a legend: pattern swatch and name per series
        x = x0
        for number, found in enumerate(group):
            parts.append(f'<rect x="{num(x)}" y="3" width="10" height="10" '
                         f'{_paint(uid, found, number)}/>')
            parts.append(f'<text x="{num(x + 14)}" y="12">{esc(found.label)}</text>')
            x += 14 + text_width(found.label) * FONT + 14
    else:
        parts.append(f'<text x="{num(x0)}" y="12" font-weight="bold">'
                     f'{esc(group[0].label)}</text>')
    shown_width = max((text_width(text) for s in group for text in s.shown), default=1) * FONT
    room = max(10.0, width - shown_width - 6)
    largest = max((v for s in group for v in s.values if v is not None), default=0) or 1
    parts.append(f'<line x1="{num(x0)}" y1="{num(HEAD - 2)}" x2="{num(x0)}" '
                 f'y2="{num(HEAD + per_row * rows)}" stroke="#777" stroke-width="1"/>')
    for row in range(rows):
        for number, found in enumerate(group):
            value = found.values[row]
            if grouped and len(group) > 1:
                top = HEAD + row * per_row + 3 + number * GROUPED_BAR
                bar_height = GROUPED_BAR - 2
            else:
                top = HEAD + row * per_row + 3
                bar_height = per_row - 6
            length = 0.0 if value is None or value <= 0 else max(1.0, room * value / largest)
            if length:
                paint = _paint(uid, found, number, row_colours[row] if row_colours else None)
                parts.append(f'<rect x="{num(x0)}" y="{num(top)}" width="{num(length)}" '
                             f'height="{num(bar_height)}" {paint}/>')
            text_y = top + bar_height / 2 + FONT * 0.35
            size = f' font-size="{num(FONT * 0.85)}"' if grouped and len(group) > 1 else ""
            parts.append(f'<text x="{num(x0 + length + 3)}" y="{num(text_y)}"{size}>'
                         f'{esc(found.shown[row])}</text>')
    return parts


def _paint(uid: str, found: Series, number: int, colour: str | None = None) -> str:
    colour = colour or found.colour
    if found.pattern == SOLID:
        return f'fill="{colour}"'
    return f'fill="url(#{uid}-p{number})" stroke="{found.colour}" stroke-width="1"'


def _patterns(uid: str, series: Sequence[Series]) -> str:
    defs = []
    for number, found in enumerate(series):
        if found.pattern == HATCH:
            defs.append(f'<pattern id="{uid}-p{number}" patternUnits="userSpaceOnUse" '
                        f'width="5" height="5" patternTransform="rotate(45)">'
                        f'<rect width="5" height="5" fill="#fff"/>'
                        f'<rect width="2.2" height="5" fill="{found.colour}"/></pattern>')
        elif found.pattern == DOTS:
            defs.append(f'<pattern id="{uid}-p{number}" patternUnits="userSpaceOnUse" '
                        f'width="4" height="4"><rect width="4" height="4" fill="#fff"/>'
                        f'<circle cx="2" cy="2" r="1.2" fill="{found.colour}"/></pattern>')
    return f"<defs>{''.join(defs)}</defs>" if defs else ""
