"""Pieces the session summary and the period report share: labels, tallies, numbers,
Markdown escaping, text charts, and fitting plain text into a phone message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ccfacil.cards import tags
from ccfacil.i18n import fmt
from ccfacil.i18n.runtime import N_, _, ngettext
from ccfacil.sessions.session import MOODS, STATUS_NAMES

# Translators: shown instead of a mean that would reveal a hidden small count
SUPPRESSED = N_("suppressed")
ELLIPSIS = "…"


def status(value: str) -> str:
    return _(STATUS_NAMES[value]) if value in STATUS_NAMES else value


def tag(value: str) -> str:
    return tags.label(value)


def decimal_sign() -> str:
    """The active language's decimal sign (``,`` in French), for CSV numbers."""
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(fmt._locale())


def csv_number(value: float | int | None, digits: int = 1, sign: str = ".") -> str:
    """A number for a spreadsheet: no grouping, the language's decimal sign."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace(".", sign)


def number(value: float | int, digits: int = 1) -> str:
    if isinstance(value, float):
        value = round(value, digits) + 0.0  # + 0.0: never "-0"
    return fmt.number(value)


def signed(value: float, digits: int = 1) -> str:
    """``+0,7``, ``-1,2``, ``0``."""
    rounded = round(value, digits) + 0.0
    return ("+" if rounded > 0 else "") + fmt.number(rounded)


def minutes(seconds: float) -> float:
    return round(seconds / 60, 1)


# Tallies --------------------------------------------------------------------------------
#
# Small-cell suppression (``min_count`` N > 0): a mood count from 1 to N-1 is shown as
# "<N".  The mean, and the change of mean, would let a reader work such a count out
# again, so a tally with any hidden count shows "suppressed" for them.

def hidden(count: int, min_count: int) -> bool:
    return 0 < count < min_count


def tally_mean(counts: Sequence[int]) -> float | None:
    total = sum(counts)
    return sum(m * n for m, n in zip(MOODS, counts)) / total if total else None


@dataclass
class TallyRow:
    label: str
    cells: list[str]  # moods 1 to 5: a count, or "<N"
    mean: float | None  # None when suppressed or nobody answered
    suppressed: bool
    total: int

    def mean_text(self, csv_sign: str | None = None) -> str:
        if self.suppressed:
            return _(SUPPRESSED)
        if self.mean is None:
            return ""
        return csv_number(self.mean, 2, csv_sign) if csv_sign else number(self.mean)


@dataclass
class Tallies:
    """Check-in and check-out as shown, with the change of mean."""

    rows: tuple[TallyRow, TallyRow]

    @classmethod
    def of(cls, checkin: Sequence[int], checkout: Sequence[int],
           min_count: int = 0) -> "Tallies":
        rows = []
        for label, counts in ((_("Check-in"), checkin), (_("Check-out"), checkout)):
            counts = list(counts)
            cut = any(hidden(c, min_count) for c in counts)
            cells = [f"<{min_count}" if hidden(c, min_count) else str(c) for c in counts]
            rows.append(TallyRow(label, cells, None if cut else tally_mean(counts), cut,
                                 sum(counts)))
        return cls((rows[0], rows[1]))

    @property
    def answered(self) -> bool:
        return any(row.total for row in self.rows)

    @property
    def suppressed(self) -> bool:
        return any(row.suppressed for row in self.rows)

    @property
    def change(self) -> float | None:
        before, after = (row.mean for row in self.rows)
        return None if before is None or after is None else after - before

    def change_text(self, csv_sign: str | None = None) -> str:
        if self.suppressed:
            return _(SUPPRESSED)
        change = self.change
        if change is None:
            return ""
        if csv_sign:
            return ("+" if round(change, 2) > 0 else "") + csv_number(change, 2, csv_sign)
        return signed(change)

    def md(self) -> list[str]:
        # Translators: column of the mean mood (1 to 5)
        header = ["", *(str(m) for m in MOODS), _("Mean")]
        rows = [[row.label, *row.cells, row.mean_text()] for row in self.rows]
        return md_table(header, rows, "l" + "r" * 6)

    def txt(self) -> list[str]:
        lines = []
        for row in self.rows:
            counts = " ".join(f"{m}:{c}" for m, c in zip(MOODS, row.cells))
            mean = row.mean_text()
            extra = " (" + _("mean %(mean)s") % {"mean": mean} + ")" if mean else ""
            lines.append(fmt.labelled(row.label, f"{counts}{extra}"))
        return lines

    def csv(self, sign: str) -> list[list[str]]:
        header = ["", *(str(m) for m in MOODS), _("Mean")]
        return [header] + [[row.label, *row.cells, row.mean_text(sign)] for row in self.rows]


# Markdown and charts --------------------------------------------------------------------

def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell: pipes escaped, one line."""
    value = str(text).replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(value.split())


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]],
             align: str = "") -> list[str]:
    """A pipe table; ``align`` gives ``l``/``r`` per column (default left)."""
    marks = [("---:" if align[i:i + 1] == "r" else "---") for i in range(len(header))]
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |",
             "|" + "|".join(marks) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def bar(value: int, largest: int, width: int = 30, char: str = "#") -> str:
    if value <= 0 or largest <= 0:
        return ""
    return char * max(1, round(width * value / largest))


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + ELLIPSIS


def more(count: int) -> str:
    # Translators: ends a list cut short to fit a phone message
    return ngettext("… and %(num)d more", "… and %(num)d more", count) % {"num": count}


def fit(head: Sequence[str], sections: Sequence[tuple[str, Sequence[str], str]],
        limit: int) -> str:
    """Plain text under ``limit`` characters: list items are dropped from the longest
    sections (in characters) first, each cut list ending in "… and N more".

    ``sections`` holds ``(title, items, joiner)``: ``joiner`` "\\n" puts items on their
    own lines (after the title line), anything else joins them after the title.
    """
    shown = [len(items) for _title, items, _joiner in sections]

    def render() -> str:
        lines = list(head)
        for (title, items, joiner), count in zip(sections, shown):
            if not items:
                continue
            parts = list(items[:count])
            if count < len(items):
                parts.append(more(len(items) - count))
            if joiner == "\n":
                lines.append(title)
                lines += parts
            else:
                lines.append(f"{title} {joiner.join(parts)}".rstrip())
        return "\n".join(lines) + "\n"

    def weight(index: int) -> int:
        return sum(len(item) + 2 for item in sections[index][1][:shown[index]])

    text = render()
    while len(text) >= limit and any(shown):
        longest = max(range(len(shown)), key=lambda i: (weight(i), i))
        shown[longest] -= 1
        text = render()
    if len(text) >= limit:  # even the head is too long: cut it
        text = text[:limit - 2].rstrip() + ELLIPSIS + "\n"
    return text
