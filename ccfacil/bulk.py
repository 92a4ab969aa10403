"""Making many objects at once (a snapshot parsed, every stored session read).

Python's cyclic garbage collector runs every few hundred new containers and, as the heap
grows, walks everything made so far: reading 10,000 stored sessions spent a third of its
time in it, for nothing (parsed JSON and session records hold no reference cycles).
``paused_gc`` stops it for the length of such a step; reference counting still frees
whatever is dropped.

Paused is only put off: the next collections walk every object the step made (0.4 s after
reading 10,000 sessions, and once more as the process ends).  A command-line run, which
ends with its command, says so with ``short_lived``: each step's objects are then frozen
(``gc.freeze``), out of the collector's way for good, and freed as usual when dropped.
The app, which runs for hours, lets the collector walk them once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_short_lived = False


def short_lived(yes: bool = True) -> None:
    """This process ends when its command does (``ccfacil.cli.main``; not the app)."""
    global _short_lived
    _short_lived = yes


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _short_lived:
            gc.freeze()
        if enabled:
            gc.enable()
