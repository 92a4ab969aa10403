"""Making many objects at once (a snapshot parsed, every stored session read).

Python's cyclic garbage collector runs every few hundred new containers and, as the heap
grows, walks everything made so far: reading 10,000 stored sessions spent a third of its
time in it, for nothing (parsed JSON and session records hold no reference cycles).
``paused_gc`` stops it for the length of such a step; reference counting still frees
whatever is dropped.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
