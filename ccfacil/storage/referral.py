"""Where to send someone who needs more help than the club: one text per site.

The facilitator or coordinator writes it once (the in-charge, the head doctor, the
nearest mental-health service...). It is site configuration, not session data: it
lives in ``referrals.json`` in the data folder, beside ``settings.json``, and is never
part of a session record, an export or a report.

``referrals.json``::

    {"version": 1, "sites": {"KATI": "Go with them to the head midwife, then ..."}}

Site codes are matched without regard to case (as in reports); the empty code is the
device's own entry when no site code is set.  A file that cannot be read is never
overwritten: it is moved aside, with a timestamp, before a new text is saved.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ccfacil.errors import CcfacilError
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions.privacy import personal_details
from ccfacil.storage.fsutil import atomic_write, set_aside

FILE = "referrals.json"
VERSION = 1
MAX_CHARS = 600
MAX_LINES = 8

NOT_SET = N_("This site has not set where to send someone who needs more help than the "
             "club. The facilitator or coordinator can set it once: press e on the help "
             "screen (?), or run: ccfacil referral set \"...\"")


class ReferralError(CcfacilError):
    """The referral file cannot be read, or a text cannot be saved."""


@dataclass(frozen=True)
class Saved:
    """What ``save_referral`` did: the text kept, and where a damaged file went."""

    text: str | None
    moved: Path | None = None
    warnings: tuple[str, ...] = ()


def clean(text: str) -> str:
    """The text as it will be kept: NFC, no control characters, no blank edges."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    lines = [line.rstrip() for line in text.replace("\t", " ").split("\n")]
    return "\n".join(lines).strip()


def check(text: str) -> list[str]:
    """Problems that stop a text from being saved (too long), in the active language."""
    problems = []
    if len(text) > MAX_CHARS:
        problems.append(_("the referral text is %(num)d characters long; keep it under "
                          "%(max)d") % {"num": len(text), "max": MAX_CHARS})
    if text.count("\n") + 1 > MAX_LINES:
        problems.append(_("the referral text has more than %(max)d lines") % {"max": MAX_LINES})
    return problems


def warnings(text: str) -> list[str]:
    """What looks like a phone number or e-mail address: allowed, but said first.

    A service's own number may belong here; a person's private number, or a number
    nobody has checked, does not.
    """
    return personal_details(text)


def _read(path: Path) -> dict[str, str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ReferralError(f"{path}: " + _("cannot read: %(reason)s")
                            % {"reason": exc.strerror or exc}) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReferralError(f"{path}: " + _("not a referral file (%(reason)s)")
                            % {"reason": exc}) from None
    sites = data.get("sites") if isinstance(data, dict) else None
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(sites, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in sites.items()):
        raise ReferralError(f"{path}: " + _("not a referral file (%(reason)s)")
                            % {"reason": "sites"})
    if not isinstance(version, int) or version > VERSION:
        raise ReferralError(f"{path}: " + _("written by a newer ccfacil (version "
                                            "%(version)s); update ccfacil")
                            % {"version": version})
    return sites


def _key(sites: dict[str, str], site: str) -> str | None:
    wanted = site.strip().casefold()
    return next((k for k in sites if k.strip().casefold() == wanted), None)


def load_all(data_dir: Path) -> dict[str, str]:
    """Every site's referral text; raises ``ReferralError`` naming a damaged file."""
    return dict(_read(Path(data_dir) / FILE))


def load_referral(data_dir: Path, site: str) -> str | None:
    """The referral text of ``site`` (any case), or None when it has none yet."""
    sites = _read(Path(data_dir) / FILE)
    key = _key(sites, site)
    return sites[key] if key is not None and sites[key].strip() else None


def save_referral(data_dir: Path, site: str, text: str | None) -> Saved:
    """Keep ``text`` as the referral of ``site``; an empty text (or None) removes it.

    Raises ``ReferralError`` when the text is too long. A file that cannot be read is
    moved aside (never overwritten) and ``Saved.moved`` says where.
    """
    data_dir = Path(data_dir)
    text = clean(text or "")
    problems = check(text)
    if problems:
        raise ReferralError("; ".join(problems))
    path = data_dir / FILE
    moved = None
    try:
        sites = _read(path)
    except ReferralError:
        if not path.exists():
            raise
        moved = set_aside(path)
        sites = {}
    key = _key(sites, site)
    if key is not None:
        del sites[key]
    if text:
        sites[site.strip()] = text
    data = {"version": VERSION, "sites": dict(sorted(sites.items()))}
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return Saved(text or None, moved, tuple(warnings(text)))


def clear_referral(data_dir: Path, site: str) -> bool:
    """Remove the referral of ``site``; False when it had none."""
    if load_referral(data_dir, site) is None:
        return False
    save_referral(data_dir, site, None)
    return True


def shown_text(data_dir: Path, site: str) -> str:
    """What the app shows: the site's text, or the neutral sentence saying how to set one.

    A damaged file shows the neutral sentence and the problem, never a crash.
    """
    try:
        text = load_referral(data_dir, site)
    except ReferralError as exc:
        return f"{_(NOT_SET)}\n({exc})"
    return text if text is not None else _(NOT_SET)
