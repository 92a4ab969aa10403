"""Pieces of the HTML pages: escaping, tables, a chart beside its table, the page itself.

Every page is one self-contained file: inline CSS and inline SVG, no script, no font or
image from elsewhere, so it opens offline in any browser and prints on A4.  Every text
that comes from a user, a deck or a catalog goes through ``esc``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ccfacil.printing.metrics import FONT_STACK

DOCUMENT_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { font-family: %(fonts)s; color: #1b1b1b; background: #fff; }
body { margin: 0 auto; max-width: 182mm; padding: 6mm 0; font-size: 10.5pt;
       line-height: 1.4; }
h1 { font-size: 17pt; margin: 0 0 1mm; line-height: 1.2; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 0.4mm solid #bbb;
     break-after: avoid; page-break-after: avoid; }
p.sub { margin: 0 0 4mm; color: #555; }
table { border-collapse: collapse; margin: 0 0 2mm; font-size: 9.5pt;
        break-inside: auto; }
caption { text-align: left; font-weight: bold; padding: 0 0 1mm; }
th, td { padding: 0.8mm 2.2mm; border-bottom: 0.2mm solid #ccc; text-align: left;
         vertical-align: top; overflow-wrap: break-word; }
th { background: #f0f0f0; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.facts th { background: none; font-weight: normal; color: #555; }
table.facts td { font-weight: bold; }
figure.chart { margin: 0 0 4mm; display: flex; flex-wrap: wrap; gap: 4mm 6mm;
               align-items: flex-start; break-inside: avoid; page-break-inside: avoid; }
figure.chart .plot { flex: 3 1 95mm; min-width: 80mm; max-width: 120mm; }
figure.chart .plot svg { width: 100%%; height: auto; display: block; }
figure.chart table { flex: 2 1 60mm; }
figcaption { flex-basis: 100%%; font-weight: bold; break-after: avoid; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em;
          vertical-align: -0.05em; }
.none { color: #555; font-style: italic; }
blockquote { margin: 0; padding: 1mm 4mm; border-left: 1mm solid #ccc; white-space: pre-wrap; }
footer { margin-top: 8mm; font-size: 8pt; color: #555; }
@media print { body { padding: 0; max-width: none; } }
""" % {"fonts": FONT_STACK}


def esc(text: object) -> str:
    """Text for HTML content or an attribute: ``< > & " '`` escaped."""
    return html.escape(str(text), quote=True)


def page(lang: str, title: str, body: Sequence[str], css: str = DOCUMENT_CSS) -> str:
    """A whole document: ``body`` is a list of HTML pieces, already escaped."""
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
    ]) + "\n"


def table(header: Sequence[str], rows: Sequence[Sequence[object]], align: str = "",
          caption: str = "", css_class: str = "") -> str:
    """A table; ``align`` gives ``l``/``r`` per column (``r``: numbers, right-aligned).

    Cells are escaped, except those given as ``Raw`` (HTML made here).
    """
    def cell(tag: str, index: int, value: object) -> str:
        number = ' class="n"' if align[index:index + 1] == "r" else ""
        scope = ' scope="col"' if tag == "th" else ""
        text = value.html if isinstance(value, Raw) else esc(value)
        return f"<{tag}{number}{scope}>{text}</{tag}>"

    parts = [f'<table class="{esc(css_class)}">' if css_class else "<table>"]
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    if any(header):
        parts.append("<thead><tr>" + "".join(cell("th", i, h) for i, h in enumerate(header))
                     + "</tr></thead>")
    parts.append("<tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def facts(rows: Sequence[tuple[str, object]]) -> str:
    """Label / value pairs, the labels as row headers."""
    body = "".join(f'<tr><th scope="row">{esc(label)}</th><td>{esc(value)}</td></tr>'
                   for label, value in rows)
    return f'<table class="facts"><tbody>{body}</tbody></table>'


class Raw:
    """HTML made by us (e.g. a colour swatch), put in a table cell as it is."""

    def __init__(self, html_text: str):
        self.html = html_text


def figure(svg: str, table_html: str, caption: str = "") -> str:
    """A chart and the table of its figures side by side, kept on one printed page."""
    head = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure class="chart">{head}<div class="plot">{svg}</div>{table_html}</figure>'


def heading(text: str) -> str:
    return f"<h2>{esc(text)}</h2>"


def none(text: str) -> str:
    return f'<p class="none">{esc(text)}</p>'
