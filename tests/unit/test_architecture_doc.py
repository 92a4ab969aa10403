"""docs/ARCHITECTURE.md stays true of the code: every file, folder and name it shows exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "ARCHITECTURE.md"
PACKAGE = ROOT / "ccfacil"


def _ticked() -> list[str]:
    return re.findall(r"`([^`\n]+)`", DOC.read_text(encoding="utf-8"))


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))


def _textual_has(name: str) -> bool:
    """A name of Textual's own (``Binding``, ``BINDINGS``), which the doc may name too."""
    import textual.app
    import textual.binding

    return hasattr(textual.binding, name) or hasattr(textual.app.App, name)


def test_every_path_it_names_exists():
    paths = [t for t in _ticked() if re.fullmatch(r"[\w./]+(\.py|\.tcss|\.md|/)", t)]
    assert len(paths) > 20
    missing = [p for p in paths
               if not any((base / p).exists() for base in (PACKAGE, ROOT, PACKAGE / "tui"))]
    assert missing == []


def test_the_layer_folders_it_draws_exist_and_are_all_there():
    text = DOC.read_text(encoding="utf-8")
    block = text.split("```")[1]
    drawn = {name for line in block.splitlines()
             for name in re.findall(r"^(\w+)/ +(?:(\w+)/ )?", line)[0:1] for name in name if name}
    packages = {p.parent.name for p in PACKAGE.glob("*/*.py") if p.parent.name != "__pycache__"}
    assert drawn == packages


def test_every_name_it_calls_exists():
    source = _source()
    names = [t for t in _ticked() if re.fullmatch(r"[\w.]+\(\)|[A-Z]\w+(\.\w+)?", t)]
    assert len(names) > 5
    missing = []
    for name in names:
        *owner, last = name.rstrip("()").split(".")
        found = re.search(rf"^\s*(def|class) {re.escape(last)}\b|^{re.escape(last)}\s*[:=]",
                          source, re.M)
        if owner and owner[0][0].isupper():
            found = found and re.search(rf"^class {re.escape(owner[0])}\b", source, re.M)
        if not found and not _textual_has(last):
            missing.append(name)
    assert missing == []
