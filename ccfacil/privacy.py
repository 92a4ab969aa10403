"""Notes stay anonymous: spot what looks like a phone number or an e-mail address."""

from __future__ import annotations

import re

# Malian numbers: +223 / 00223 and 8 digits, often written in pairs ("76 12 34 56").
_PHONE = re.compile(r"(?<!\d)(?:(?:\+|00)\d{1,3}[\s.-]?)?(?:\d[\s.-]?){5,11}\d(?!\d)")
MIN_DIGITS = 6  # Malian numbers have 8; warn already while one is being typed
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def personal_details(text: str) -> list[str]:
    """The bits of ``text`` that look like phone numbers or e-mail addresses."""
    found = [m.group(0) for m in _EMAIL.finditer(text)]
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) >= MIN_DIGITS:
            found.append(match.group(0).strip())
    return found
