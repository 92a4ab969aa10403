"""Writing small gettext catalogs for tests."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po


def write_catalog(root: Path, lang: str, domain: str, messages: dict, *,
                  fuzzy: tuple = (), headers: dict | None = None) -> Path:
    """``messages`` maps msgid or (context, msgid) to msgstr."""
    catalog = Catalog(locale=lang, domain=domain, fuzzy=False)
    for key, string in messages.items():
        context, msgid = key if isinstance(key, tuple) else (None, key)
        flags = ("fuzzy",) if key in fuzzy else ()
        catalog.add(msgid, string, context=context, flags=flags)
    path = root / lang / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    if headers:
        text = path.read_text(encoding="utf-8")
        extra = "".join(f'"{k}: {v}\\n"\n' for k, v in headers.items())
        text = text.replace('"Generated-By:', extra + '"Generated-By:', 1)
        path.write_text(text, encoding="utf-8")
    return path
