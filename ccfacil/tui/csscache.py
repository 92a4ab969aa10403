"""The app's stylesheet, parsed once and then read back from the cache folder.

Textual parses ``ccfacil.tcss`` at every start (about 25 ms on this project's 2-core
machine, a tenth of the time to the first frame); reading its parsed rules back takes
about 1 ms.  The cached file holds its whole key (the CSS text, where it came from, the
theme's variables, Textual's and Python's versions), compared in full when read: a file
for other CSS, another theme or another Textual is never used, only parsed again and
replaced.  Like the catalog and deck caches, a cache that cannot be read or written only
costs the parse; nothing in it is data.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import zlib
from pathlib import Path

from textual.css.stylesheet import Stylesheet

MIN_CSS = 2000  # widgets' small DEFAULT_CSS: parsed as Textual does, not worth a file


def _textual_stamp() -> tuple:
    """Changes when Textual is upgraded (its CSS classes are what the file holds)."""
    from textual.css import model, styles

    stamp = []
    for module in (model, styles):
        try:
            found = os.stat(module.__file__)
            stamp.append((module.__file__, found.st_size, found.st_mtime_ns))
        except (OSError, TypeError):
            stamp.append((module.__name__, None, None))
    return (sys.hexversion, *stamp)


class CachedStylesheet(Stylesheet):
    """A ``Stylesheet`` whose large sources are parsed once per CSS, theme and Textual."""

    def __init__(self, *, variables: dict[str, str] | None = None,
                 cache_dir: Path | None = None) -> None:
        super().__init__(variables=variables)
        self._cache_dir = cache_dir

    def _parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        if self._cache_dir is None or is_default_rules or len(css) < MIN_CSS:
            return super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        # Textual parses every source again each time a widget adds its DEFAULT_CSS,
        # counting on this in-memory cache: ours comes after it.
        try:
            return self._parse_cache[(css, read_from, is_default_rules, tie_breaker, scope)]
        except KeyError:
            pass
        key = (_textual_stamp(), css, tuple(read_from), tie_breaker, scope,
               tuple(sorted(self._variables.items())))
        path = self._cache_dir / f"{zlib.crc32(repr(key).encode('utf-8')):08x}.pickle"
        rules = _read(path, key)
        if rules is not None:
            self._parse_cache[(css, read_from, is_default_rules, tie_breaker, scope)] = rules
            return rules
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps((key, rules), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            pass
        return rules


def _read(path: Path, key: tuple) -> list | None:
    """The rules stored for exactly ``key``, or None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # thousands of small objects: no collection half-way through them
    try:
        stored_key, rules = pickle.loads(data)
    except Exception:  # damaged, or written by another version: parse again
        return None
    finally:
        if enabled:
            gc.enable()
    return rules if stored_key == key and isinstance(rules, list) else None
