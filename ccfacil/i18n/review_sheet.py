"""A printable review sheet: English | French | another language, side by side.

For reviewers without a computer (a native speaker, a Malian midwife): one
self-contained HTML file (inline CSS, no script, no font or image from elsewhere) with
every card text and every program message, its review mark, a box to tick and lines
to write a correction on.  The font stack has ɛ ɔ ɲ ŋ.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from babel.messages.catalog import Catalog

from ccfacil.cards.deck import Deck, translatable_texts
from ccfacil.i18n import fmt, review_marks
from ccfacil.i18n.catalogs import LocaleRegistry, read_catalog
from ccfacil.i18n.runtime import _

FONTS = '"Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif'
CSS = """
@page { size: A4; margin: 12mm; }
body { font-family: %(fonts)s; font-size: 10.5pt; line-height: 1.35; color: #000;
       margin: 0 auto; max-width: 1100px; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; page-break-after: avoid; }
p.how { margin: 2pt 0 8pt; }
table { width: 100%%; border-collapse: collapse; table-layout: fixed; }
tbody { page-break-inside: avoid; break-inside: avoid; }
th { text-align: left; font-size: 9pt; border-bottom: 1.5pt solid #000; padding: 2pt 4pt; }
td { vertical-align: top; padding: 3pt 4pt; border-bottom: 0.5pt solid #999;
     white-space: pre-wrap; overflow-wrap: anywhere; }
tr.where td { border-bottom: none; padding-top: 6pt; font-size: 8.5pt; color: #333;
              font-family: "DejaVu Sans Mono", monospace; }
td.check { width: 24%%; }
.box { display: inline-block; width: 11pt; height: 11pt; border: 1pt solid #000;
       vertical-align: middle; margin-right: 4pt; }
.line { border-bottom: 0.75pt solid #000; height: 15pt; }
.mark { display: block; margin-top: 3pt; padding: 2pt 4pt; border-left: 3pt solid #000;
        background: #eee; font-size: 9pt; }
.state { font-size: 8.5pt; font-style: italic; }
.sign { margin-top: 16pt; }
.sign .line { width: 60%%; margin-bottom: 8pt; }
""" % {"fonts": FONTS}


@dataclass(frozen=True)
class Entry:
    where: str  # a card context, or "ccfacil" and the message's source line
    english: str
    french: str
    text: str  # in the reviewed language ('' when missing)
    state: str  # '', 'missing' or 'fuzzy'
    mark: str  # the review mark, without its prefix


def _string(catalog: Catalog | None, msgid, context: str | None) -> tuple[str, str, str]:
    """(text, state, mark) of one entry of a catalog."""
    message = catalog.get(msgid, context=context) if catalog is not None else None
    if message is None:
        return "", "missing", ""
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    text = " / ".join(s for s in strings if s)
    state = "missing" if not all(strings) else ("fuzzy" if message.fuzzy else "")
    return text, state, review_marks.text_of(message)


def _catalog(registry: LocaleRegistry, lang: str, domain: str) -> Catalog | None:
    po = registry.po_path(lang, domain)
    return read_catalog(po, lang) if po is not None else None


def card_entries(deck: Deck, french: Catalog | None, other: Catalog | None) -> list[Entry]:
    entries = []
    for context, source, _note in translatable_texts(deck):
        fr_text = _string(french, source, context)[0]
        text, state, mark = _string(other, source, context)
        entries.append(Entry(context, source, fr_text, text, state, mark))
    return entries


def ui_entries(template: Catalog, french: Catalog | None, other: Catalog | None) -> list[Entry]:
    entries = []
    for message in template:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else " / ".join(message.id)
        where = ", ".join(f"{path}:{line}" for path, line in message.locations[:2])
        fr_text = _string(french, message.id, message.context)[0]
        text, state, mark = _string(other, message.id, message.context)
        entries.append(Entry(where or "ccfacil", english, fr_text, text, state, mark))
    return entries


def _rows(entries: Iterable[Entry], lang: str, columns: int, start: int = 1) -> str:
    parts = []
    state = {"missing": _("not translated yet"), "fuzzy": _("needs work (not used yet)")}
    to_check = _("To check")
    correct = _("correct")
    for number, entry in enumerate(entries, start=start):
        cells = [f'<td lang="en">{escape(entry.english)}</td>']
        if columns == 4:
            cells.append(f'<td lang="fr">{escape(entry.french)}</td>')
        text = escape(entry.text)
        if entry.state:
            text += (f'<span class="state">{"<br>" if text else ""}'
                     f"({escape(state[entry.state])})</span>")
        if entry.mark:
            mark = fmt.labelled(to_check, entry.mark)
            text += f'<span class="mark">{escape(mark)}</span>'
        cells.append(f'<td lang="{escape(lang)}">{text}</td>')
        cells.append(f'<td class="check"><span class="box"></span>{escape(correct)}'
                     '<div class="line"></div><div class="line"></div></td>')
        parts.append(f'<tbody><tr class="where"><td colspan="{columns}">{number}. '
                     f"{escape(entry.where)}</td></tr><tr>{''.join(cells)}</tr></tbody>")
    return "\n".join(parts)


def render(lang: str, language_name: str, sections: Sequence[tuple[str, list[Entry]]],
           status: str = "") -> str:
    """The whole sheet as HTML text."""
    columns = 3 if lang == "fr" else 4
    heads = ["English", "Français"] if columns == 4 else ["English"]
    heads += [language_name, _("Correct? If not, your correction")]
    widths = ["25%", "25%", "26%", "24%"] if columns == 4 else ["37%", "39%", "24%"]
    colgroup = "".join(f'<col style="width:{w}">' for w in widths)
    header = "".join(f"<th>{escape(h)}</th>" for h in heads)
    total = sum(len(entries) for _title, entries in sections)
    marked = sum(1 for _t, entries in sections for e in entries if e.mark)
    body, start = [], 1  # numbered across the sheet: "correction to 174" is unambiguous
    for title, entries in sections:
        body.append(f"<h2>{escape(title)}</h2>")
        body.append(f"<table><colgroup>{colgroup}</colgroup><thead><tr>{header}</tr></thead>"
                    f"{_rows(entries, lang, columns, start)}</table>")
        start += len(entries)
    intro = _("Read each text aloud. Tick the box when it is right and natural; otherwise "
              "write how you would say it on the lines. Texts marked \"To check\" are the "
              "ones the translators were least sure of.")
    counts = _("%(total)d texts, %(marked)d marked to check.") % {"total": total,
                                                                  "marked": marked}
    title = _("Review sheet: %(language)s") % {"language": language_name}
    status_line = f"<p class=\"how\">{escape(status)}</p>" if status else ""
    signature = escape(_("Reviewed by (role or organisation):"))
    date = escape(_("Date:"))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n<p class=\"how\">{escape(intro)}</p>\n"
        f"<p class=\"how\">{escape(counts)}</p>\n{status_line}\n" + "\n".join(body)
        + f'\n<div class="sign"><p>{signature}</p><div class="line"></div>'
          f'<p>{date}</p><div class="line"></div></div>\n</body>\n</html>\n')


def build(registry: LocaleRegistry, lang: str, decks: Sequence[Deck],
          template: Catalog | None) -> str:
    """The sheet for ``lang``: the decks' card texts, then (with a template) the program's."""
    fr_cards = _catalog(registry, "fr", "cards")
    other_cards = _catalog(registry, lang, "cards")
    sections = [(f"{deck.title} ({deck.id})", card_entries(deck, fr_cards, other_cards))
                for deck in decks]
    if template is not None:
        sections.append((_("Program messages"), ui_entries(
            template, _catalog(registry, "fr", "ccfacil"), _catalog(registry, lang, "ccfacil"))))
    status = ""
    loaded = registry.load(lang, "cards") or registry.load(lang, "ccfacil")
    if loaded is not None and loaded.header.get("X-Review-Status"):
        status = _("Status of this translation: %(status)s") % {
            "status": loaded.header["X-Review-Status"]}
    return render(lang, registry.language_name(lang), sections, status)
