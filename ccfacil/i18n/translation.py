"""The translations in use, as every module asks for them: ``_``, ``N_``, ``ngettext``,
``pgettext``.  This module imports nothing of ours, so that any module can translate.

``ccfacil.i18n.runtime`` chooses the language and its catalogs and puts them here (``use``); it
also says how to start the default language when a message is asked for first (``start``).
Before that, and with nothing chosen, messages are shown as written (English).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Translator(Protocol):
    lang: str

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...

    def pgettext(self, context: str, message: str) -> str: ...


active: Translator | None = None
start: Callable[[], Translator] | None = None  # set by ccfacil.i18n.runtime


def use(translator: Translator | None) -> None:
    global active
    active = translator


def current() -> Translator | None:
    """The translator in use, started with the default language if none is yet."""
    if active is None and start is not None:
        return start()
    return active


def _(message: str) -> str:
    found = current()
    return found.gettext(message) if found is not None else message


def N_(message: str) -> str:
    """Mark a constant for extraction; translate it with ``_()`` when shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    found = current()
    if found is None:
        return singular if n == 1 else plural
    return found.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    found = current()
    return found.pgettext(context, message) if found is not None else message
