"""Widgets get their data down from the screen that composes them (a constructor argument,
an attribute or a method the screen calls) and post messages up: they do not reach into
the app (``self.app.ctx…``, ``getattr(self.app, …)``, ``hasattr(self.app, …)``), nor
look on their screen for a method it may have (``getattr(self.screen, "submit_field")``:
the screen gives the field its ``on_submit`` instead).

The one way a widget may follow the app is ``ccfacil.tui.appref.follow_language``: the
language signal, as Textual's own widgets follow ``theme_changed_signal``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ccfacil

WIDGETS = Path(ccfacil.__file__).parent / "tui" / "widgets"

# Module name -> why it must reach the app.  Empty today: keep it short.
ALLOWED: dict[str, str] = {}

FOLLOWING = {"follow_language"}  # what a widget may import from ccfacil.tui.appref


def reaches_app(source: str) -> list[str]:
    """The places in ``source`` that reach into the app, as source text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ("app", "ctx"):
            found.append(ast.unparse(node))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "hasattr", "setattr") and len(node.args) > 1
              and isinstance(node.args[1], ast.Constant) and node.args[1].value in ("app", "ctx")):
            found.append(ast.unparse(node))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "hasattr") and node.args
              and ast.unparse(node.args[0]) in ("self.screen", "self.parent")):
            found.append(ast.unparse(node))
        elif isinstance(node, ast.ImportFrom) and node.module == "ccfacil.tui.appref":
            found += [f"import {a.name}" for a in node.names if a.name not in FOLLOWING]
        elif isinstance(node, ast.ImportFrom) and node.module in ("ccfacil.tui.app",
                                                                   "ccfacil.tui.context"):
            found.append(f"from {node.module} import …")
    return found


def test_the_check_finds_the_ways_a_widget_used_to_reach_the_app():
    """What the key bar, the more sign, the status bar and the text field did before
    their data came down."""
    old = [
        'ascii_only = getattr(getattr(self.app, "ctx", None), "console_safe", False)',
        'if hasattr(self.app, "save_state"): pass',
        'self.watch(self.app, "save_state", self._saved, init=True)',
        'sep = SEP if self.screen.app.ctx.console_safe else "-"',
        'safe = self.app.ctx.console_safe',
        'other = getattr(self, "app")',
        'context = getattr(self.screen, "ctx", None)',
        'from ccfacil.tui.context import AppContext',
        'hook = getattr(self.screen, "submit_field", None)',
    ]
    assert [line for line in old if not reaches_app(line)] == []
    assert reaches_app("from ccfacil.tui.appref import AppRef, follow_language\n") == [
        "import AppRef"]
    assert reaches_app("from ccfacil.tui.appref import follow_language\n"
                       "follow_language(self, self.retranslate)\n") == []


def test_no_widget_reaches_into_the_app():
    found = {}
    for file in sorted(WIDGETS.glob("*.py")):
        places = reaches_app(file.read_text(encoding="utf-8"))
        if places and file.stem not in ALLOWED:
            found[file.name] = places
    assert found == {}, "give it as data from the screen, or post a message up"
    stale = [name for name in ALLOWED
             if not reaches_app((WIDGETS / f"{name}.py").read_text(encoding="utf-8"))]
    assert stale == []  # no longer reaches the app: take it off the list
