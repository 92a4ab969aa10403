"""Python's error texts turned into sentences in the active language.

``OSError.strerror`` comes from the C library in English, json and TOML parsers
explain in English, a missing key is ``KeyError('site')``: none of that may reach
a facilitator. ``reason(exc)`` says the same in words our catalogs translate.
"""

from __future__ import annotations

import errno

from ccfacil.i18n.translation import N_, _

OS_REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EEXIST: N_("it already exists"),
    errno.EIO: N_("the disk could not be read or written"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ENOTEMPTY: N_("the folder is not empty"),
    errno.EBUSY: N_("it is in use"),
    errno.ENODEV: N_("the drive is not there any more"),
    errno.ENXIO: N_("the drive is not there any more"),
}


def os_reason(exc: OSError) -> str:
    """``No such file or directory`` -> "no such file or folder" (translated)."""
    import os

    text = OS_REASONS.get(exc.errno or -1)
    if text is not None:
        return _(text)
    if exc.strerror and exc.errno and exc.strerror != os.strerror(exc.errno):
        return exc.strerror  # our own words (already translated), not the C library's
    if exc.errno:
        return _("system error number %(code)d") % {"code": exc.errno}
    return _("the file could not be read or written")


def reason(exc: BaseException) -> str:
    """A sentence for what went wrong, without Python's own (English) words."""
    import json

    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, json.JSONDecodeError):
        return _("not valid JSON (line %(line)d, column %(column)d)") % {
            "line": exc.lineno, "column": exc.colno}
    if isinstance(exc, UnicodeError):
        return _("not UTF-8 text")
    if isinstance(exc, KeyError):
        return _("the field '%(field)s' is missing") % {"field": exc.args[0] if exc.args else ""}
    if isinstance(exc, (TypeError, AttributeError)):
        return _("a field holds the wrong kind of value")
    if isinstance(exc, ValueError):
        return _("a field holds a value that cannot be read")
    return _("an unexpected problem")


def toml_reason(exc: ValueError) -> tuple[str, int | None]:
    """A TOML syntax error: a sentence, and the line it is on (if known)."""
    import re

    found = re.search(r"at line (\d+)", str(exc))
    line = int(found.group(1)) if found else None
    if re.search(r"Cannot (overwrite|declare)", str(exc)):
        return _("not valid TOML: a name is given twice"), line
    return _("not valid TOML: check the quotes, brackets and '=' signs"), line
