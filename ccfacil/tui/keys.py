"""Keys are declared once, as ``Binding``s on the screen, widget or app that owns them.

A binding's ``description`` is its short label in the key bar, its ``tooltip`` its line
on the help screen: both ``N_`` constants, translated when shown.  ``show=False`` keeps
a key out of the bar (the help still lists it if it has a tooltip).  Bindings with the
same description show as one key, under the first one's ``key_display``: ``1-5``,
``+/-``, ``←→``.  A screen's ``check_action`` hides and disables a key in a phase where
it does nothing; the key bar (``KeyBar``) and the help screen read these, so a new
binding shows in both by itself.

The bar lists the screen's own keys first, in the order they are declared (the most
important first), then those of the part that has the focus, then the app's; help,
then the keys that leave (quit, close), end the line.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from textual.binding import Binding
from textual.dom import DOMNode

HELP_KEY = "?"
LEAVE_KEYS = ("q", "ctrl+q", "escape")


def key_id(binding: Binding) -> str:
    """The key as the bar names it: its ``key_display``, else its first key."""
    return binding.key_display or binding.key.split(",")[0].strip()


def _tier(key: str) -> int:
    return 2 if key in LEAVE_KEYS else 1 if key == HELP_KEY else 0


@cache
def _ours(cls: type) -> frozenset[str]:
    """The descriptions of the bindings ccfacil's classes declare (not Textual's own,
    which are English and meant for its footer)."""
    found: set[str] = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("textual."):
            for binding in base.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding) and binding.description:
                    found.add(binding.description)
    return frozenset(found)


def bar_keys(screen) -> list[tuple[str, str]]:
    """``(key, description)`` of the keys that work now on ``screen``, most important
    first: Textual's active bindings (the focused part, the screen, and the app for a
    full screen), those ``check_action`` allows, each description once."""
    app = screen.app
    ranked: list[tuple[int, int, int, str, str]] = []
    for order, active in enumerate(screen.active_bindings.values()):
        binding, node = active.binding, active.node
        if not (active.enabled and binding.show and binding.description):
            continue
        if binding.description not in _ours(type(node)):
            continue
        rank = 0 if node is screen else 2 if node is app else 1
        key = key_id(binding)
        ranked.append((_tier(key), rank, order, key, binding.description))
    keys: list[tuple[str, str]] = []
    seen: set[str] = set()
    for *_order, key, text in sorted(ranked):  # ``q`` of the screen before the app's ctrl+q
        if text not in seen:
            seen.add(text)
            keys.append((key, text))
    return keys


def help_rows(owners: Iterable[type[DOMNode]]) -> list[tuple[str, str]]:
    """``(keys, tooltip)`` for every key the ``owners`` classes declare with a tooltip,
    in their order: bindings that share a tooltip make one row (``h x r``; ``n`` in each
    phase), help and quit last."""
    rows: list[tuple[int, list[str], str]] = []
    index: dict[str, int] = {}
    descriptions: dict[str, str] = {}
    for owner in owners:
        for _key, binding in owner._merged_bindings:
            if not binding.tooltip:
                continue
            key = key_id(binding)
            if binding.description and descriptions.get(binding.description, key) != key:
                continue  # one key of a group (``2`` of ``1-5``): shown under the first
            descriptions.setdefault(binding.description, key)
            if binding.tooltip in index:
                keys = rows[index[binding.tooltip]][1]
                if key not in keys:
                    keys.append(key)
                continue
            index[binding.tooltip] = len(rows)
            rows.append((_tier(key), [key], binding.tooltip))
    ordered = sorted(enumerate(rows), key=lambda r: (r[1][0], r[0]))
    return [(" ".join(keys), tooltip) for _n, (_tier_, keys, tooltip) in ordered]
