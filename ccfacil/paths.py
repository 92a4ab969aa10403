"""Where ccfacil finds its shipped data and keeps the user's own.

Shipped ``decks/`` and ``locales/`` live at the top of the source tree and are
copied into the wheel as ``ccfacil/_data/``; both layouts are found here.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path


APP_NAME = "ccfacil"
ENV_DATA_DIR = "CCFACIL_DATA_DIR"
ENV_DECK_PATH = "CCFACIL_DECK_PATH"
ENV_LOCALE_PATH = "CCFACIL_LOCALE_PATH"


def _shipped(name: str) -> Path:
    packaged = resources.files("ccfacil") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    # Running from a source checkout (editable install or tests).
    return Path(__file__).resolve().parent.parent / name


def shipped_decks_dir() -> Path:
    return _shipped("decks")


def shipped_locales_dir() -> Path:
    return _shipped("locales")


def _xdg(variable: str, fallback: str) -> Path | None:
    """Linux's XDG folder as platformdirs would give it, without importing it (start-up)."""
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get(variable, "").strip()
    return Path(base if os.path.isabs(base) else Path.home() / fallback) / APP_NAME


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    found = _xdg("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Rebuildable files (compiled catalogs); never anything that must survive."""
    env = os.environ.get("CCFACIL_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    found = _xdg("XDG_CACHE_HOME", ".cache")
    if found is not None:
        return found
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def env_paths(variable: str) -> list[Path]:
    """Folders listed in an ``os.pathsep``-separated environment variable."""
    raw = os.environ.get(variable, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def is_source_checkout() -> bool:
    """True when running from a clone (shipped data beside the package, writable by its owner)."""
    return not (resources.files("ccfacil") / "_data").is_dir()
