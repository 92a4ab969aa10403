"""The layers of ccfacil (issue 11): each package imports only the ones below it.

    i18n runtime  <  cards  <  sessions  <  storage  <  export, printing  <  commands, tui, cli

Read statically (every import in every file, also one inside a function or under
``TYPE_CHECKING``), so that a lazy import cannot hide a dependency that points up.  The
translators' tools in ``ccfacil.i18n`` (extractor, review sheets, locale checks) read decks
and files: they are tools, not the runtime, and may import cards and storage.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ccfacil

PACKAGE = Path(ccfacil.__file__).parent

I18N_RUNTIME = ("runtime", "translation", "catalogs", "pofiles", "fmt", "later", "errtext",
                "typography", "clicktext")
UI = ("ccfacil.commands", "ccfacil.tui", "ccfacil.cli")
# A module (or package) -> the packages it must never import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    **{f"ccfacil.i18n.{name}": ("ccfacil.cards", "ccfacil.sessions", "ccfacil.storage",
                                 "ccfacil.export", "ccfacil.printing", *UI)
       for name in I18N_RUNTIME},
    "ccfacil.cards": ("ccfacil.sessions", "ccfacil.storage", "ccfacil.export",
                      "ccfacil.printing", *UI),
    "ccfacil.sessions": ("ccfacil.storage", "ccfacil.export", "ccfacil.printing", *UI),
    "ccfacil.storage": ("ccfacil.export", "ccfacil.printing", *UI),
    "ccfacil.export": UI,
    "ccfacil.printing": UI,
}
# The one module outside the app that starts it (lazily, when the command runs).
STARTS_THE_APP = "ccfacil.commands.run"


def module_name(file: Path) -> str:
    parts = list(file.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports(file: Path) -> list[tuple[int, str]]:
    """Every module named by an import in ``file`` (line, absolute dotted name)."""
    name = module_name(file)
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def rules_for(name: str) -> tuple[str, ...]:
    forbidden: list[str] = []
    for owner, packages in FORBIDDEN.items():
        if within(name, owner):
            forbidden += packages
    return tuple(forbidden)


def violations() -> list[str]:
    found = []
    for file in sorted(PACKAGE.rglob("*.py")):
        name = module_name(file)
        forbidden = rules_for(name)
        seen = set()
        for line, target in imports(file):
            bad = [p for p in forbidden if within(target, p)]
            if (within(target, "ccfacil.tui") and not within(name, "ccfacil.tui")
                    and name != STARTS_THE_APP):
                bad.append("ccfacil.tui")
            for package in bad:
                key = (line, package)
                if key not in seen:
                    seen.add(key)
                    found.append(f"{file.relative_to(PACKAGE.parent)}:{line}: {name} "
                                 f"imports {target} ({package} is above it)")
    return found


def test_each_layer_imports_only_the_layers_below():
    assert violations() == []


def test_only_the_run_command_starts_the_app_and_lazily():
    """``ccfacil.commands.run`` imports the app inside the command, not at import time
    (plain ``ccfacil --help`` never loads Textual)."""
    file = PACKAGE / "commands" / "run.py"
    tree = ast.parse(file.read_text(encoding="utf-8"))
    top = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert not [n for n in top if isinstance(n, ast.ImportFrom)
                and (n.module or "").startswith("ccfacil.tui")]
    assert any(target.startswith("ccfacil.tui") for _line, target in imports(file))


@pytest.mark.parametrize("source, target, bad", [
    ("ccfacil.i18n.runtime", "ccfacil.cards.deck", True),
    ("ccfacil.i18n.runtime", "ccfacil.i18n.catalogs", False),
    ("ccfacil.i18n.babel_extract", "ccfacil.cards.deck", False),  # a translators' tool
    ("ccfacil.cards.draw", "ccfacil.sessions.runner", True),
    ("ccfacil.sessions.runner", "ccfacil.cards.deck", False),
    ("ccfacil.storage.settings", "ccfacil.sessions.limits", False),
    ("ccfacil.storage.store", "ccfacil.export.output", True),
    ("ccfacil.export.report", "ccfacil.commands.echo", True),
    ("ccfacil.printing.deckhtml", "ccfacil.cli", True),
])
def test_the_rules_say_what_they_mean(source, target, bad):
    """The rules themselves: a forbidden import is caught, an allowed one is not."""
    assert any(within(target, p) for p in rules_for(source)) is bad
