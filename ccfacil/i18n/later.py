"""Text made before the language is known, said in the active language when shown.

Catalog problems are found while catalogs are being loaded, when ``_()`` cannot be
called yet; a ``Later`` keeps the English message (equality, ``in``, sorting see the
English) and translates itself when it is shown: ``str()``, f-strings, ``%s``.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction (this module imports nothing of ours)."""
    return message


class Later(str):
    def __new__(cls, msgid: str, params: dict | None = None) -> "Later":
        self = super().__new__(cls, msgid % params if params else msgid)
        self.msgid = msgid
        self.params = params
        return self

    def __str__(self) -> str:
        from ccfacil.i18n import translation

        if translation.active is None:  # still loading the catalogs: English
            return str.__str__(self)
        text = translation._(self.msgid)
        return text % self.params if self.params else text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)
