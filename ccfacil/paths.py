"""Where ccfacil finds its shipped data and keeps the user's own.

Shipped ``decks/`` and ``locales/`` live at the top of the source tree and are
copied into the wheel as ``ccfacil/_data/``; both layouts are found here.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

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


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Rebuildable files (compiled catalogs); never anything that must survive."""
    env = os.environ.get("CCFACIL_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def env_paths(variable: str) -> list[Path]:
    """Folders listed in an ``os.pathsep``-separated environment variable."""
    raw = os.environ.get(variable, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def is_source_checkout() -> bool:
    """True when running from a clone (shipped data beside the package, writable by its owner)."""
    return not (resources.files("ccfacil") / "_data").is_dir()
