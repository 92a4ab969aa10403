"""The colour and shape of each card domain: one table for the app and for paper.

The app colours a card's domain word with ``terminal`` (the stylesheet reads it as
``$domain-<id>``); printed cards and report charts use ``colour`` (the same hue) for
stripes and shapes, ``ink`` for text in that hue, ``tint`` for a light background.  The
``shape`` and the domain's word tell domains apart when printed in black and white.
Domains of other decks get grey and a shape of their own, by their place in the deck.
"""

from __future__ import annotations

from dataclasses import dataclass

SHAPES = ("circle", "square", "triangle", "diamond", "hexagon", "star", "cross")


@dataclass(frozen=True)
class DomainStyle:
    terminal: str  # a Textual colour name
    colour: str  # the same hue on paper (CSS)
    ink: str  # darker, for text on white
    tint: str  # a light wash, for backgrounds
    shape: str  # one of SHAPES


DOMAIN_STYLES = {
    "self": DomainStyle("ansi_bright_green", "#2ea043", "#17632a", "#e4f5e8", "circle"),
    "clients": DomainStyle("ansi_bright_cyan", "#1aa7bd", "#0a6473", "#e0f4f7", "square"),
    "family": DomainStyle("ansi_bright_magenta", "#c2399f", "#861f6c", "#f8e3f2", "triangle"),
    "colleagues": DomainStyle("ansi_bright_yellow", "#e8b800", "#735700", "#fcf2cc",
                              "diamond"),
}


def style_for(domain_id: str, position: int = 0) -> DomainStyle:
    """The domain's style; a domain the table does not know gets grey and the shape at
    ``position`` (its place among the deck's domains)."""
    found = DOMAIN_STYLES.get(domain_id)
    if found is not None:
        return found
    return DomainStyle("ansi_bright_white", "#6e6e6e", "#333333", "#eeeeee",
                       SHAPES[position % len(SHAPES)])


def css_variables() -> dict[str, str]:
    """``domain-self: ansi_bright_green``, ...: variables for the app's stylesheet."""
    return {f"domain-{name}": style.terminal for name, style in DOMAIN_STYLES.items()}


def svg_shape(shape: str, x: float, y: float, size: float, fill: str,
              stroke: str = "none") -> str:
    """An SVG element drawing ``shape`` in the ``size`` x ``size`` box at (x, y)."""
    h = size / 2
    cx, cy = x + h, y + h
    paint = f'fill="{fill}" stroke="{stroke}" stroke-width="{num(size / 10)}"'
    if shape == "circle":
        return f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(h * 0.9)}" {paint}/>'
    if shape == "square":
        m = size * 0.1
        return (f'<rect x="{num(x + m)}" y="{num(y + m)}" width="{num(size - 2 * m)}" '
                f'height="{num(size - 2 * m)}" {paint}/>')
    points = {
        "triangle": [(cx, y), (x + size, y + size * 0.92), (x, y + size * 0.92)],
        "diamond": [(cx, y), (x + size, cy), (cx, y + size), (x, cy)],
        "hexagon": [(x + size * 0.25, y + size * 0.07), (x + size * 0.75, y + size * 0.07),
                    (x + size, cy), (x + size * 0.75, y + size * 0.93),
                    (x + size * 0.25, y + size * 0.93), (x, cy)],
        "star": _star(cx, cy, h, h * 0.45),
        "cross": [(x + size * a, y + size * b) for a, b in (
            (0.35, 0), (0.65, 0), (0.65, 0.35), (1, 0.35), (1, 0.65), (0.65, 0.65),
            (0.65, 1), (0.35, 1), (0.35, 0.65), (0, 0.65), (0, 0.35), (0.35, 0.35))],
    }[shape]
    text = " ".join(f"{num(px)},{num(py)}" for px, py in points)
    return f'<polygon points="{text}" {paint}/>'


def num(value: float) -> str:
    """A coordinate for SVG or CSS: two decimals at most, no exponent."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    import math

    found = []
    for step in range(10):
        radius = outer if step % 2 == 0 else inner
        angle = math.pi / 2 + step * math.pi / 5
        found.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return found
