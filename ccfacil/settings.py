"""What the app remembers between sessions (site code, last choices), in ``settings.json``.

Written atomically; a file that cannot be read is moved aside (never overwritten)
and the defaults are used, with a warning for the caller to show.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from ccfacil.fsutil import atomic_write, set_aside

FILE = "settings.json"
THEMES = ("normal", "projector")


@dataclass
class Settings:
    site: str = ""
    facilitator: str = ""
    lang: str = ""
    deck: str = ""
    participants: int = 10
    turn_seconds: int = 120
    length_minutes: int = 60
    mode: str = "shuffle"
    theme: str = "normal"
    bell: bool = True
    fresh_sessions: int = 3  # avoid cards discussed at this site in its last N sessions
    fallback: str = ""  # languages to fall back on, e.g. "fr" or "fr:en" (default: fr)
    origin: str = ""  # this data folder's anonymous random id (set on first use)


def peek(data_dir: Path, key: str) -> object:
    """One value from the settings file, or None; never changes anything (for the CLI)."""
    try:
        raw = json.loads((data_dir / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return raw.get(key) if isinstance(raw, dict) else None


def load(data_dir: Path) -> tuple[Settings, str | None]:
    """The saved settings and, if the file was unreadable, where it was moved."""
    path = data_dir / FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        known = {f.name: f.type for f in dataclasses.fields(Settings)}
        values = {k: v for k, v in raw.items() if k in known}
        settings = Settings(**values)
        for f in dataclasses.fields(Settings):
            expected = type(getattr(Settings(), f.name))
            if not isinstance(getattr(settings, f.name), expected):
                raise ValueError(f"{f.name} has the wrong type")
        if settings.theme not in THEMES:
            settings.theme = "normal"
        return settings, None
    except FileNotFoundError:
        return Settings(), None
    except (OSError, ValueError, TypeError) as exc:
        moved = set_aside(path)
        return Settings(), f"{path}: unreadable ({exc}); moved to {moved.name}, defaults used"


def save(data_dir: Path, settings: Settings) -> None:
    text = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(data_dir / FILE, text.encode("utf-8"))
