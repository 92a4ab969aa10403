"""The Linux text console: can it draw Bambara's letters?

On the Linux console (``TERM=linux``) only the glyphs of the loaded font can be
shown; ``GIO_UNIMAP`` asks the kernel which Unicode characters the font maps.
"""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path

BAMBARA_LETTERS = "ɛɔɲŋƐƆƝŊ"
GIO_UNIMAP = 0x4B66


# What the Linux console draws instead of signs its fonts may lack. Letters stay:
# French accents are in every console font, and ɛ ɔ ɲ ŋ are checked (``missing_letters``).
ASCII_SIGNS = {
    "…": "...", "·": "-", "•": "*", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-",
    "—": "-", "◀": "<", "▶": ">", "▲": "^", "▼": "v", "■": "#", "←": "<", "→": ">",
    "↑": "^", "↓": "v", "\u202f": " ", "\u2009": " ", "✓": "x", "×": "x", "↵": "<-",
}
_ASCII_TABLE = str.maketrans(ASCII_SIGNS)


def ascii_text(text: str) -> str:
    """``text`` with its signs drawn in ASCII (for the Linux console)."""
    return text.translate(_ASCII_TABLE)


def is_linux_console(environ: dict | None = None) -> bool:
    return (environ if environ is not None else os.environ).get("TERM") == "linux"


VT_MAJOR = 4  # /dev/tty1 … /dev/tty63: the Linux virtual consoles
MULTIPLEXERS = ("tmux", "screen")


def console_device(environ: dict | None = None, proc: Path = Path("/proc"),
                   uid: int | None = None) -> str | None:
    """The Linux console this app is seen on, or None.

    ``TERM=linux``: this terminal itself (``""``). Inside tmux or screen ``TERM`` says
    ``screen``/``tmux``; the console shows through if one of our tmux or screen client
    processes runs on a virtual console: its device (``/dev/tty2``) is returned.
    """
    environ = environ if environ is not None else os.environ
    if is_linux_console(environ):
        return ""
    if not (environ.get("TMUX") or environ.get("STY")):
        return None
    uid = os.getuid() if uid is None else uid
    try:
        entries = list(proc.iterdir())
    except OSError:
        return None
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            name = (entry / "comm").read_text(errors="replace").strip()
            if not name.startswith(MULTIPLEXERS):
                continue
            stat = (entry / "stat").read_text(errors="replace")
            tty = int(stat.rsplit(")", 1)[1].split()[4])  # field 7, after "pid (comm)"
        except (OSError, ValueError, IndexError):
            continue
        major, minor = (tty >> 8) & 0xFFF, (tty & 0xFF) | ((tty >> 12) & 0xFFF00)
        if major == VT_MAJOR and 1 <= minor <= 63:
            return f"/dev/tty{minor}"
    return None


def device_font_characters(device: str) -> set[str] | None:
    """``font_characters`` of a console device (``""``: this terminal)."""
    if not device:
        return font_characters()
    try:
        fd = os.open(device, os.O_RDONLY | os.O_NOCTTY)
    except OSError:
        return None
    try:
        return font_characters(fd)
    finally:
        os.close(fd)


def font_characters(fd: int | None = None) -> set[str] | None:
    """Characters the console font can draw, or None when this is not a Linux console."""
    if fd is None:
        fd = sys.stdout.fileno() if sys.stdout and sys.stdout.isatty() else -1
    if fd < 0:
        return None
    import ctypes

    class _UniPair(ctypes.Structure):
        _fields_ = [("unicode", ctypes.c_ushort), ("fontpos", ctypes.c_ushort)]

    class _UniMapDesc(ctypes.Structure):
        _fields_ = [("entry_ct", ctypes.c_ushort), ("entries", ctypes.POINTER(_UniPair))]

    size = 4096
    pairs = (_UniPair * size)()
    desc = _UniMapDesc(size, ctypes.cast(pairs, ctypes.POINTER(_UniPair)))
    try:
        fcntl.ioctl(fd, GIO_UNIMAP, desc)
    except OSError:
        return None
    return {chr(pairs[i].unicode) for i in range(min(desc.entry_ct, size))}


def missing_letters(characters: set[str] | None, letters: str = BAMBARA_LETTERS) -> str | None:
    """The letters the font lacks ('' if none), or None when we cannot tell."""
    if characters is None:
        return None
    return "".join(letter for letter in letters if letter not in characters)
