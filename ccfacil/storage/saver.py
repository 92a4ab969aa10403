"""Unsaved notes stay in memory until the disk takes them: ``Saver`` queues and retries.

The UI ``submit``s a session whenever it changes and calls ``flush`` from a worker thread.
A failed save (disk full, card pulled out) keeps the record pending; ``due`` says when to
try again, by the injected clock.  ``submit`` copies the record, so the UI may go on
changing its own while a flush writes the copy.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ccfacil.storage.repository import SessionRepository
from ccfacil.sessions.session import SessionRecord
from ccfacil.storage.errors import SaveError


@dataclass
class SaveOutcome:
    saved: list[str] = field(default_factory=list)  # ids saved by this flush
    pending: int = 0  # records still waiting
    error: str | None = None  # why the rest were not saved

    @property
    def ok(self) -> bool:
        return self.error is None


class Saver:
    """Latest version of each submitted record, saved on ``flush``; thread-safe."""

    def __init__(self, store: SessionRepository, clock: Callable[[], float] = time.monotonic,
                 retry_seconds: float = 5.0):
        self._store = store
        self._clock = clock
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()  # guards the fields below; never held during I/O
        self._flushing = threading.Lock()  # one flush at a time
        self._pending: dict[str, tuple[int, SessionRecord]] = {}  # id -> (version, copy)
        self._version = 0
        self._last_error: str | None = None
        self._failed_at: float | None = None

    def submit(self, record: SessionRecord) -> None:
        """Queue a copy of the record; a later submit of the same id replaces it."""
        snapshot = copy.deepcopy(record)
        with self._lock:
            self._version += 1
            self._pending[record.id] = (self._version, snapshot)

    def discard(self, session_id: str, delete: Callable[[str], object]) -> None:
        """Forget a record: nothing pending for it is saved, and ``delete`` (removing it
        from the store) runs when no flush is under way, so none brings it back."""
        with self._flushing:
            with self._lock:
                self._pending.pop(session_id, None)
            delete(session_id)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    @property
    def last_error(self) -> str | None:
        with self._lock:
            return self._last_error

    def due(self) -> bool:
        """Is there something to save, and has the retry delay passed since a failure?"""
        with self._lock:
            if not self._pending:
                return False
            return (self._failed_at is None
                    or self._clock() - self._failed_at >= self._retry_seconds)

    def flush(self) -> SaveOutcome:
        """Save everything pending; what fails stays pending for the next try."""
        with self._flushing:
            with self._lock:
                batch = list(self._pending.items())
            saved, error = [], None
            for session_id, (version, record) in batch:
                try:
                    self._store.save(record)
                except SaveError as exc:  # the disk refused: keep it and the rest for later
                    error = str(exc)
                    break
                saved.append(session_id)
                with self._lock:  # unless a newer version came in meanwhile
                    if self._pending.get(session_id, (None,))[0] == version:
                        del self._pending[session_id]
            with self._lock:
                self._last_error = error
                self._failed_at = self._clock() if error else None
                return SaveOutcome(saved, len(self._pending), error)
