"""Where each card goes on paper: sheets, a grid of cards, cut marks, front and back.

Cards sit edge to edge in a grid centred on the sheet, so one cut serves two cards and
the marks in the margins show every cut.  Each sheet of fronts is followed by its backs:
printed double-sided, flipped on the long edge, the back of the card in row r, column c
is in row r, column (columns - 1 - c).  As the grid is centred, that mirror puts each back
right behind its front.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

MARK_GAP = 1.5  # mm between the grid and a cut mark
MARK_LENGTH = 4.0  # mm


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # mm
    height: float
    css: str  # for CSS @page size


PAPERS = {"a4": Paper("a4", 210.0, 297.0, "A4"),
          "letter": Paper("letter", 215.9, 279.4, "letter")}


@dataclass(frozen=True)
class Grid:
    columns: int
    rows: int
    card_width: float  # mm
    card_height: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


# Both fit A4 and US Letter with room for the cut marks and the small print.
GRIDS = {6: Grid(2, 3, 90.0, 84.0), 4: Grid(2, 2, 92.0, 125.0)}


@dataclass(frozen=True)
class Sheet:
    paper: Paper
    grid: Grid

    @property
    def left(self) -> float:
        return (self.paper.width - self.grid.columns * self.grid.card_width) / 2

    @property
    def top(self) -> float:
        return (self.paper.height - self.grid.rows * self.grid.card_height) / 2

    @property
    def right(self) -> float:
        return self.left + self.grid.columns * self.grid.card_width

    @property
    def bottom(self) -> float:
        return self.top + self.grid.rows * self.grid.card_height

    def slot(self, index: int, back: bool) -> tuple[float, float]:
        """The top-left corner (mm) of the ``index``-th card of a sheet, front or back."""
        row, column = divmod(index, self.grid.columns)
        if back:
            column = self.grid.columns - 1 - column
        return (self.left + column * self.grid.card_width,
                self.top + row * self.grid.card_height)

    def marks(self) -> list[tuple[float, float, float, float]]:
        """Cut marks as lines ``(x1, y1, x2, y2)`` in mm, in the margins around the grid."""
        found = []
        near, far = MARK_GAP, MARK_GAP + MARK_LENGTH
        for column in range(self.grid.columns + 1):
            x = self.left + column * self.grid.card_width
            found += [(x, self.top - far, x, self.top - near),
                      (x, self.bottom + near, x, self.bottom + far)]
        for row in range(self.grid.rows + 1):
            y = self.top + row * self.grid.card_height
            found += [(self.left - far, y, self.left - near, y),
                      (self.right + near, y, self.right + far, y)]
        return found


@dataclass(frozen=True)
class Page(Generic[T]):
    number: int  # 1-based, counting every page of the document
    back: bool
    cards: tuple[T, ...]  # in slot order: slot i holds cards[i]


def card_pages(cards: Sequence[T], grid: Grid, first: int = 1) -> list[Page[T]]:
    """Fronts then backs, sheet by sheet, numbered from ``first``."""
    pages: list[Page[T]] = []
    for start in range(0, len(cards), grid.per_page):
        chunk = tuple(cards[start:start + grid.per_page])
        number = first + len(pages)
        pages += [Page(number, False, chunk), Page(number + 1, True, chunk)]
    return pages
