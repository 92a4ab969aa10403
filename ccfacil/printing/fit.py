"""The type size of each side of a card: the largest step at which its text fits.

A card's front holds its question, its back the advice and the affirmation.  Each side
starts at the grid's usual size and steps down, half a point at a time, to a floor; text
that does not fit even there is set at the floor and reported, never cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccfacil.printing.layout import Grid
from ccfacil.printing.metrics import height_mm

PADDING = 5.0  # mm inside the cut line, for an imprecise cut or duplex
HEAD = 11.0  # mm: the domain's stripe and word, below the padding
FOOT = 4.5  # mm: the deck and card id, above the padding
LABEL = 4.0  # mm: "Advice", above the advice
GAP = 2.5  # mm between the advice and the affirmation
LINE_HEIGHT = 1.3
LABEL_SIZE = 7.5  # pt, the "Advice" label: one line in its LABEL band
STEP = 0.5  # pt


@dataclass(frozen=True)
class Sizes:
    """Usual and smallest type sizes (pt) of each side, for one grid."""

    question: float
    question_floor: float
    back: float
    back_floor: float


SIZES = {6: Sizes(15.0, 10.0, 10.0, 8.0), 4: Sizes(18.0, 12.0, 12.0, 9.0)}


@dataclass(frozen=True)
class Box:
    """Where a side's text goes, in mm from the card's top-left corner."""

    left: float
    top: float
    width: float
    height: float


def text_box(grid: Grid) -> Box:
    top = PADDING + HEAD
    return Box(PADDING, top, grid.card_width - 2 * PADDING,
               grid.card_height - top - PADDING - FOOT)


@dataclass(frozen=True)
class Fit:
    size: float  # pt
    usual: float  # pt: the size a side gets when its text is not too long
    fits: bool  # False: too long even at the floor (set at the floor, runs over)

    @property
    def shrunk(self) -> bool:
        return self.size < self.usual


def _steps(usual: float, floor: float) -> list[float]:
    count = round((usual - floor) / STEP)
    return [usual - n * STEP for n in range(count + 1)]


def front(question: str, grid: Grid) -> Fit:
    sizes, box = SIZES[grid.per_page], text_box(grid)
    for size in _steps(sizes.question, sizes.question_floor):
        if height_mm(question, box.width, size, LINE_HEIGHT) <= box.height:
            return Fit(size, sizes.question, True)
    return Fit(sizes.question_floor, sizes.question, False)


def back_height(advice: str, affirmation: str, width: float, size: float) -> float:
    """Height (mm) of the back's text: label, advice, gap, affirmation (bold)."""
    return (LABEL + height_mm(advice, width, size, LINE_HEIGHT) + GAP
            + height_mm(affirmation, width, size, LINE_HEIGHT, bold=True))


def back(advice: str, affirmation: str, grid: Grid) -> Fit:
    sizes, box = SIZES[grid.per_page], text_box(grid)
    for size in _steps(sizes.back, sizes.back_floor):
        if back_height(advice, affirmation, box.width, size) <= box.height:
            return Fit(size, sizes.back, True)
    return Fit(sizes.back_floor, sizes.back, False)
