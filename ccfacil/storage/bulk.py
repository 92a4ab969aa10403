"""Making many objects at once (a snapshot parsed, every stored session read).

Python's cyclic garbage collector runs every few hundred new containers and, as the heap
grows, walks everything made so far: reading 10,000 stored sessions spent a third of its
time in it, for nothing (parsed JSON and session records hold no reference cycles).
``paused_gc`` stops it for the length of such a step; reference counting still frees
whatever is dropped.

Paused is only put off: the next collections walk every object the step made (0.4 s after
reading 10,000 sessions).  A command-line run, which ends with its command, says so with
``short_lived`` (``ccfacil.cli.main``; the app, which runs for hours, does not):

- each step's objects are frozen (``gc.freeze``), out of the collector's way for good;
- what the storage read is ``keep``-t until the process ends, and ``end`` ends it at once
  once its output is flushed: the memory goes back to the system whole instead of a
  million objects being freed one by one (0.15 s at 10,000 sessions).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_short_lived = False
_kept: list[object] = []


def short_lived(yes: bool = True) -> None:
    """This process ends when its command does (``ccfacil.cli.main``; not the app)."""
    global _short_lived
    _short_lived = yes
    if not yes:
        _kept.clear()


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


def keep(found: object) -> None:
    """In a short-lived run: held until the process ends (never freed one by one)."""
    if _short_lived:
        _kept.append(found)


def end(code: object) -> None:
    """End a short-lived run now with exit status ``code`` (as ``sys.exit`` takes it),
    its output flushed.  Returns, for the usual exit, when that cannot be done safely:
    not a short-lived run, a status that is a message, output that cannot be flushed
    (Python then says why), another thread or an exit handler still to run."""
    if not _short_lived or not (code is None or isinstance(code, int)):
        return
    if threading.active_count() > 1 or getattr(atexit, "_ncallbacks", lambda: 1)():
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code or 0)
