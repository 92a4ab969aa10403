"""A deck as one HTML file to print: a guide sheet, then fronts and mirrored backs.

Pages, in order: the facilitator's guide (and the site's referral text), how to print
and cut (with the domains' key), then for each sheet of cards its fronts and its backs
(see ``layout``).  Everything is placed in millimetres on sheets the size of the paper,
so the browser's print is the layout computed here.  Inline CSS and SVG only: no script,
no font or image from elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ccfacil.cards.deck import Card, Deck
from ccfacil.cards.domainstyle import DomainStyle, num, style_for, svg_shape
from ccfacil.export.html import esc
from ccfacil.i18n.runtime import _, ngettext
from ccfacil.printing import fit
from ccfacil.printing.layout import GRIDS, PAPERS, Page, Sheet, card_pages
from ccfacil.printing.metrics import FONT_STACK, MM_PER_PT, height_mm

QUOTE = "«\u00a0%s\u00a0»"
GUIDE_SIZES = (13.0, 12.0, 11.0, 10.0, 9.0, 8.0)  # pt
GUIDE_MARGIN = 18.0  # mm


@dataclass
class Side:
    card: Card
    back: bool
    fit: fit.Fit


@dataclass
class PrintedDeck:
    html: str
    pages: int
    sides: list[Side] = field(default_factory=list)
    guide_fits: bool = True

    @property
    def shrunk(self) -> list[Side]:
        return [s for s in self.sides if s.fit.shrunk and s.fit.fits]

    @property
    def too_long(self) -> list[Side]:
        return [s for s in self.sides if not s.fit.fits]


def render(deck: Deck, cards: Sequence[Card], *, paper: str = "a4", per_page: int = 6,
           lang: str, small_print: str, steps: Sequence[str],
           referral: str | None = None) -> PrintedDeck:
    """``deck`` and ``cards`` in the language wanted; ``small_print``: title, version and
    the translation's review status; ``steps``: the facilitator's guide, translated."""
    sheet = Sheet(PAPERS[paper], GRIDS[per_page])
    styles = {d.id: style_for(d.id, n) for n, d in enumerate(deck.domains)}
    pages = card_pages(list(cards), sheet.grid, first=3)
    total = 2 + len(pages)
    printed = PrintedDeck("", total)
    guide, printed.guide_fits = _guide(deck, sheet, steps, referral)
    body = [_sheet(sheet, 1, total, small_print, guide, "guide"),
            _sheet(sheet, 2, total, small_print, _howto(deck, cards, sheet, styles), "guide")]
    for page in pages:
        body.append(_cards(deck, sheet, page, total, small_print, styles, printed))
    printed.html = "\n".join([
        "<!DOCTYPE html>", f'<html lang="{esc(lang)}">', "<head>", '<meta charset="utf-8">',
        f"<title>{esc(deck.title)}</title>", f"<style>{_css(sheet)}</style>", "</head>",
        "<body>", *body, "</body>", "</html>"]) + "\n"
    return printed


def review_status(header: str | None, lang: str, source_language: str) -> str:
    """The translation's review status in words, from its ``X-Review-Status`` header."""
    if lang == source_language:
        return _("source text")
    status = (header or "").strip()
    if not status:
        return _("translation: review status not given")
    if status.lower().startswith("needs"):
        return _("translation to be reviewed by a native speaker")
    if status.lower() == "reviewed":
        return _("translation reviewed")
    return _("translation: %(status)s") % {"status": status}


def small_print(deck: Deck, language: str, status: str) -> str:
    """``Club Courage · version 1 · bamanankan · translation to be reviewed …``"""
    return " · ".join([deck.title, _("version %(version)s") % {"version": deck.version},
                       language, status])


def _css(sheet: Sheet) -> str:
    paper, grid, box = sheet.paper, sheet.grid, fit.text_box(sheet.grid)
    mm = num
    return f"""
@page {{ size: {paper.css} portrait; margin: 0; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: {FONT_STACK}; color: #111; -webkit-print-color-adjust: exact;
        print-color-adjust: exact; }}
.sheet {{ position: relative; width: {mm(paper.width)}mm; height: {mm(paper.height - 0.5)}mm;
          overflow: hidden; background: #fff; break-after: page; page-break-after: always; }}
.sheet:last-child {{ break-after: auto; page-break-after: auto; }}
@media screen {{ body {{ background: #8a8a8a; }}
  .sheet {{ margin: 6mm auto; box-shadow: 0 0 2mm #555; }}
  .card {{ outline: 0.2mm dashed #d0d0d0; }} }}
.card {{ position: absolute; width: {mm(grid.card_width)}mm; height: {mm(grid.card_height)}mm; }}
.stripe {{ position: absolute; left: {mm(fit.PADDING)}mm; right: {mm(fit.PADDING)}mm;
           top: {mm(fit.PADDING)}mm; height: 2.2mm; border-radius: 1.1mm; }}
.domain {{ position: absolute; left: {mm(fit.PADDING)}mm; right: {mm(fit.PADDING)}mm;
           top: {mm(fit.PADDING + 3.6)}mm; height: 5mm; line-height: 5mm; font-size: 9pt;
           font-weight: bold; white-space: nowrap; }}
.domain svg {{ width: 3.6mm; height: 3.6mm; vertical-align: -0.5mm; margin-right: 1.5mm; }}
.text {{ position: absolute; left: {mm(box.left)}mm; top: {mm(box.top)}mm;
         width: {mm(box.width)}mm; height: {mm(box.height)}mm; line-height: {fit.LINE_HEIGHT};
         overflow-wrap: anywhere; }}
.front .text {{ display: flex; flex-direction: column; justify-content: center;
                text-align: center; }}
.text p {{ margin: 0; }}
.label {{ height: {mm(fit.LABEL)}mm; font-size: {mm(fit.LABEL_SIZE)}pt; font-weight: bold;
          color: #555; line-height: 1.3; white-space: nowrap; }}
.affirmation {{ margin-top: {mm(fit.GAP)}mm !important; font-weight: bold; font-style: italic; }}
.id {{ position: absolute; left: {mm(fit.PADDING)}mm; right: {mm(fit.PADDING)}mm;
       bottom: {mm(fit.PADDING)}mm; height: 3.5mm; line-height: 3.5mm; font-size: 6.5pt;
       color: #555; white-space: nowrap; }}
.back .id {{ text-align: right; }}
.mark {{ position: absolute; background: #000; }}
.small {{ position: absolute; font-size: 6.5pt; line-height: 1.25; color: #444;
          width: {mm(grid.card_width - 6)}mm; }}
.guide-body {{ position: absolute; left: {mm(GUIDE_MARGIN)}mm; right: {mm(GUIDE_MARGIN)}mm;
               top: {mm(GUIDE_MARGIN)}mm; line-height: 1.4; }}
.guide-body h1 {{ font-size: 1.8em; margin: 0 0 0.3em; line-height: 1.2; }}
.guide-body h2 {{ font-size: 1.25em; margin: 1.2em 0 0.4em; }}
.guide-body p {{ margin: 0 0 0.6em; }}
.referral {{ border: 0.4mm solid #333; border-radius: 2mm; padding: 2mm 4mm;
             white-space: pre-wrap; }}
.key td {{ padding: 1mm 3mm 1mm 0; vertical-align: middle; }}
.key svg {{ width: 5mm; height: 5mm; display: block; }}
"""


def _sheet(sheet: Sheet, number: int, total: int, small_print: str, content: str,
           kind: str) -> str:
    """A page: its content, and the small print under the grid (left and right halves,
    clear of the cut marks)."""
    y = sheet.bottom + 2.0
    half = sheet.grid.columns // 2 * sheet.grid.card_width
    page_text = _("page %(page)d of %(pages)d") % {"page": number, "pages": total}
    return (f'<section class="sheet {kind}" data-page="{number}">{content}'
            f'<div class="small" style="left:{num(sheet.left + 3)}mm;top:{num(y)}mm">'
            f"{esc(small_print)}</div>"
            f'<div class="small" style="left:{num(sheet.left + half + 3)}mm;top:{num(y)}mm">'
            f"{esc(page_text)}</div></section>")


def _shape(style: DomainStyle, size: float = 10.0) -> str:
    return (f'<svg viewBox="0 0 {num(size)} {num(size)}" aria-hidden="true">'
            f"{svg_shape(style.shape, 0, 0, size, style.colour, style.ink)}</svg>")


def _cards(deck: Deck, sheet: Sheet, page: Page[Card], total: int, small_print: str,
           styles: dict[str, DomainStyle], printed: PrintedDeck) -> str:
    parts = []
    for index, card in enumerate(page.cards):
        x, y = sheet.slot(index, page.back)
        style = styles.get(card.domain) or style_for(card.domain)
        domain = deck.domain(card.domain).title if card.domain in deck.domain_ids else card.domain
        head = (f'<div class="stripe" style="background:{style.colour}"></div>'
                f'<div class="domain" style="color:{style.ink}">{_shape(style)}'
                f"{esc(domain)}</div>")
        ident = f'<div class="id">{esc(deck.id)} · {esc(card.id)}</div>'
        if page.back:
            label = _("Advice")
            affirmation = QUOTE % card.affirmation
            found = fit.back(card.advice, affirmation, sheet.grid)
            text = (f'<div class="text" style="font-size:{num(found.size)}pt">'
                    f'<p class="label">{esc(label)}</p>'
                    f'<p class="advice">{esc(card.advice)}</p>'
                    f'<p class="affirmation">{esc(affirmation)}</p></div>')
        else:
            found = fit.front(card.question, sheet.grid)
            text = (f'<div class="text" style="font-size:{num(found.size)}pt">'
                    f'<p class="question">{esc(card.question)}</p></div>')
        printed.sides.append(Side(card, page.back, found))
        side = "back" if page.back else "front"
        parts.append(f'<div class="card {side}" data-card="{esc(card.id)}" data-slot="{index}" '
                     f'style="left:{num(x)}mm;top:{num(y)}mm">{head}{text}{ident}</div>')
    for x1, y1, x2, y2 in sheet.marks():
        size = (f"width:0.2mm;height:{num(y2 - y1)}mm" if x1 == x2
                else f"width:{num(x2 - x1)}mm;height:0.2mm")
        parts.append(f'<div class="mark" style="left:{num(x1 - (0.1 if x1 == x2 else 0))}mm;'
                     f'top:{num(y1 - (0 if x1 == x2 else 0.1))}mm;{size}"></div>')
    kind = "backs" if page.back else "fronts"
    return _sheet(sheet, page.number, total, small_print, "".join(parts), kind)


def _guide(deck: Deck, sheet: Sheet, steps: Sequence[str],
           referral: str | None) -> tuple[str, bool]:
    """The guide page, in the largest type at which it fits its sheet."""
    title = _("%(deck)s: facilitator's guide") % {"deck": deck.title}
    heading = _("If someone needs more help")
    width = sheet.paper.width - 2 * GUIDE_MARGIN
    room = sheet.bottom - GUIDE_MARGIN
    fits, size = False, GUIDE_SIZES[-1]
    for size in GUIDE_SIZES:
        if _guide_height(title, steps, heading, referral, width, size) <= room:
            fits = True
            break
    parts = [f'<div class="guide-body" style="font-size:{num(size)}pt">',
             f"<h1>{esc(title)}</h1>", *(f"<p>{esc(step)}</p>" for step in steps)]
    if referral:
        parts += [f"<h2>{esc(heading)}</h2>", f'<p class="referral">{esc(referral)}</p>']
    parts.append("</div>")
    return "".join(parts), fits


def _guide_height(title: str, steps: Sequence[str], heading: str, referral: str | None,
                  width: float, size: float) -> float:
    """The guide's height (mm) at ``size``, as the CSS above sets it."""
    em = size * MM_PER_PT
    used = height_mm(title, width, size * 1.8, 1.2, bold=True) + 0.3 * 1.8 * em
    used += sum(height_mm(step, width, size, 1.4) + 0.6 * em for step in steps)
    if referral:
        used += height_mm(heading, width, size * 1.25, 1.4, bold=True) + 1.6 * 1.25 * em
        used += height_mm(referral, width - 8.8, size, 1.4) + 4.8 + 0.6 * em
    return used


def _howto(deck: Deck, cards: Sequence[Card], sheet: Sheet,
           styles: dict[str, DomainStyle]) -> str:
    rows = []
    for domain in deck.domains:
        count = sum(1 for c in cards if c.domain == domain.id)
        if not count:
            continue
        number = ngettext("%(num)d card", "%(num)d cards", count) % {"num": count}
        rows.append(f"<tr><td>{_shape(styles[domain.id])}</td><td>{esc(domain.title)}</td>"
                    f"<td>{esc(number)}</td></tr>")
    paper = _("A4") if sheet.paper.name == "a4" else _("US Letter")
    texts = [
        _("Print on both sides of %(paper)s paper, flipping on the long edge, at actual "
          "size (100%%), not fitted to the page.") % {"paper": paper},
        _("Cut along the marks in the margins: each card has its question on the front, "
          "and the advice and the affirmation on the back."),
        _("The domain of a card is written on both sides, with its shape, so the cards "
          "can also be printed in black and white."),
    ]
    title, key = _("Printing and cutting"), _("Domains")
    return "".join([
        '<div class="guide-body" style="font-size:12pt">',
        f"<h1>{esc(title)}</h1>",
        *(f"<p>{esc(text)}</p>" for text in texts),
        f"<h2>{esc(key)}</h2>",
        f'<table class="key"><tbody>{"".join(rows)}</tbody></table>',
        "</div>"])
