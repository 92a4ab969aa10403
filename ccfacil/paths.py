"""Where ccfacil finds its shipped data and keeps the user's own.

Shipped ``decks/`` and ``locales/`` live at the top of the source tree and are
copied into the wheel as ``ccfacil/_data/``; both layouts are found here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "ccfacil"
ENV_DATA_DIR = "CCFACIL_DATA_DIR"
ENV_DECK_PATH = "CCFACIL_DECK_PATH"
ENV_LOCALE_PATH = "CCFACIL_LOCALE_PATH"


def _shipped(name: str) -> Path:
    # Installed from a wheel: beside this file (no importlib.resources: start-up time).
    here = Path(__file__).resolve().parent
    packaged = here / "_data" / name
    if packaged.is_dir():
        return packaged
    # Running from a source checkout (editable install or tests).
    return here.parent / name


def shipped_decks_dir() -> Path:
    return _shipped("decks")


def shipped_locales_dir() -> Path:
    return _shipped("locales")


def _user_dir(env: str, xdg: str, linux_default: str, kind: str) -> Path:
    """Our own env variable, else the platform's user folder of this ``kind``.

    On Linux the XDG rule is applied here, as platformdirs would, without importing
    it (start-up time); elsewhere platformdirs decides.
    """
    given = os.environ.get(env)
    if given:
        return Path(given).expanduser()
    if sys.platform.startswith("linux"):
        base = os.environ.get(xdg, "").strip()
        return Path(base if os.path.isabs(base) else Path.home() / linux_default) / APP_NAME
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))


def default_data_dir() -> Path:
    return _user_dir(ENV_DATA_DIR, "XDG_DATA_HOME", ".local/share", "data")


def cache_name(data: bytes) -> str:
    """The name of the cache file for ``data``: its SHA-1, in hex.

    CPython's own ``_sha1``: ``hashlib`` loads OpenSSL, a few ms of every start.
    """
    try:
        from _sha1 import sha1
    except ImportError:  # another Python
        from hashlib import sha1
    return sha1(data).hexdigest()


def cache_dir() -> Path:
    """Rebuildable files (compiled catalogs, parsed decks); nothing that must survive."""
    return _user_dir("CCFACIL_CACHE_DIR", "XDG_CACHE_HOME", ".cache", "cache")


def env_paths(variable: str) -> list[Path]:
    """Folders listed in an ``os.pathsep``-separated environment variable."""
    raw = os.environ.get(variable, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def is_source_checkout() -> bool:
    """True when running from a clone (shipped data beside the package, writable by its owner)."""
    return not (Path(__file__).resolve().parent / "_data").is_dir()
