"""What the app remembers between sessions (site code, last choices), in ``settings.json``.

Written atomically; a file that cannot be read is moved aside (never overwritten)
and the defaults are used, with a warning for the caller to show.  A value of the wrong
type or out of range (``"participants": 500``) is replaced by its default, the others are
kept, and a copy of the file is kept beside it (``settings.json.bad-<time>``), with a
warning that names ``settings.json``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ccfacil.i18n.translation import _
from ccfacil.sessions import limits
from ccfacil.sessions.validate import MAX_SHORT
from ccfacil.storage.fsutil import atomic_write, keep_copy, set_aside

if TYPE_CHECKING:
    from ccfacil.sessions.runner import SessionSetup

FILE = "settings.json"
THEMES = ("normal", "projector")
# Whole-number settings and their ranges (participants: the seats on the setup screen).
RANGES = limits.SETTINGS
SITE_RE = re.compile(r"[A-Za-z0-9_.-]{0,32}")
MODE_RE = re.compile(r"shuffle|balanced|domain:[a-z0-9_-]+(?:,[a-z0-9_-]+)*")


@dataclass
class Settings:
    site: str = ""
    facilitator: str = ""
    lang: str = ""
    deck: str = ""
    participants: int = 10
    people_last: int = 0  # people present at the last session started here; 0: none yet
    turn_seconds: int = 120
    length_minutes: int = 60
    mode: str = "shuffle"
    theme: str = "normal"
    bell: bool = True
    fresh_sessions: int = 3  # avoid cards discussed at this site in its last N sessions
    fallback: str = ""  # languages to fall back on, e.g. "fr" or "fr:en" (default: fr)
    origin: str = ""  # this data folder's anonymous random id (set on first use)

    def to_setup(self, lang: str) -> SessionSetup:
        """The setup proposed on the setup screen: the last one used, in ``lang``."""
        from ccfacil.sessions.runner import SessionSetup

        return SessionSetup(
            lang=lang, deck=self.deck or "courage", participants=self.participants,
            turn_seconds=self.turn_seconds, length_minutes=self.length_minutes,
            mode=self.mode, site=self.site, facilitator=self.facilitator)

    def remember(self, setup: SessionSetup) -> None:
        """Keep what was chosen for a session, to propose it next time (``to_setup``)."""
        self.site, self.deck, self.participants = setup.site, setup.deck, setup.participants
        self.people_last = setup.participants
        self.turn_seconds, self.length_minutes = setup.turn_seconds, setup.length_minutes
        self.mode = setup.mode


def peek(data_dir: Path, key: str) -> object:
    """One value from the settings file, or None; never changes anything (for the CLI)."""
    try:
        raw = json.loads((data_dir / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return raw.get(key) if isinstance(raw, dict) else None




def _problem(name: str, value: object, default: object) -> str | None:
    """Why ``value`` cannot be the setting ``name`` (None if it can)."""
    shown = json.dumps(value, ensure_ascii=False)[:40]
    if isinstance(default, bool):
        if not isinstance(value, bool):
            return _("%(name)s %(value)s is not true or false") % {"name": name, "value": shown}
        return None
    if isinstance(default, int):
        low, high = RANGES.get(name, (0, 10**6))
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return _("%(name)s %(value)s is not a whole number from %(min)d to %(max)d") % {
                "name": name, "value": shown, "min": low, "max": high}
        return None
    if not isinstance(value, str) or len(value) > MAX_SHORT:
        return _("%(name)s %(value)s is not a short text") % {"name": name, "value": shown}
    allowed = {"site": SITE_RE, "mode": MODE_RE}.get(name)
    if (allowed is not None and not allowed.fullmatch(value)) or (
            name == "theme" and value not in THEMES):
        return _("%(name)s %(value)s is not a value ccfacil can use") % {
            "name": name, "value": shown}
    return None


def load(data_dir: Path) -> tuple[Settings, str | None]:
    """The saved settings and, if some could not be used, a warning saying so."""
    path = data_dir / FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not an object")
    except FileNotFoundError:
        return Settings(), None
    except (OSError, ValueError, TypeError) as exc:
        try:
            moved = set_aside(path)
        except OSError:
            return Settings(), f"{path}: unreadable ({exc}); defaults used"
        return Settings(), f"{path}: unreadable ({exc}); moved to {moved.name}, defaults used"
    defaults = Settings()
    values, problems = {}, []
    for name in (f.name for f in dataclasses.fields(Settings)):
        if name not in raw:
            continue
        problem = _problem(name, raw[name], getattr(defaults, name))
        if problem is None:
            values[name] = raw[name]
        else:
            problems.append(problem)
    settings = Settings(**values)
    if not problems:
        return settings, None
    return settings, _("%(path)s: %(problems)s: the default is used instead (%(kept)s)") % {
        "path": path, "problems": "; ".join(problems), "kept": _keep(path)}


def _keep(path: Path) -> str:
    """Keep a copy of a settings file with bad values (once per content): its name."""
    data = path.read_bytes()
    for old in sorted(path.parent.glob(f"{FILE}.bad-*")):
        try:
            if old.read_bytes() == data:
                return _("a copy of the file is kept as %(name)s") % {"name": old.name}
        except OSError:
            continue
    copy = path.with_name(f"{FILE}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        keep_copy(path, copy)
    except OSError as exc:
        return _("no copy could be kept: %(reason)s") % {"reason": exc.strerror or exc}
    return _("a copy of the file is kept as %(name)s") % {"name": copy.name}


def save(data_dir: Path, settings: Settings) -> None:
    text = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(data_dir / FILE, text.encode("utf-8"))
