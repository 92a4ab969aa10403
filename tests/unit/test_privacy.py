"""Spotting what may identify somebody in free text: Malian phone numbers, e-mail addresses,
common given names; and leaving dates, amounts and ordinary notes alone."""

import pytest

from ccfacil.sessions.privacy import (
    check,
    given_names,
    names,
    personal_details,
    typing,
    typing_name,
    typing_number,
)

PHONES = [
    "76123456",
    "76 12 34 56",
    "76-12-34-56",
    "76.12.34.56",
    "76/12/34/56",
    "76,12,34,56",
    "76_12_34_56",
    "76 / 12 / 34 / 56",
    "76 12-34.56",
    "7612 3456",
    "+223 76 12 34 56",
    "+223 76123456",
    "+22376123456",
    "00223 76 12 34 56",
    "0022376123456",
    "00 223 76 12 34 56",
    "223 76 12 34 56",
    "22376123456",
    "+33 6 12 34 56 78",
    "06 12 34 56 78",
    "20 22 33 44",  # a landline in Bamako
]


@pytest.mark.parametrize("phone", PHONES)
def test_malian_phone_formats_are_found(phone):
    text = f"Appeler le {phone} demain"
    assert personal_details(text) == [phone], text
    assert personal_details(phone) == [phone]


EMAILS = [
    "aminata@gmail.com",
    "awa.k@example.org",
    "aminata(at)gmail.com",
    "aminata (at) gmail.com",
    "aminata [at] gmail.com",
    "aminata @ gmail.com",
    "aminata@ gmail.com",
    "AMINATA(AT)GMAIL.COM",
    "aminata(at)gmail(dot)com",
]


@pytest.mark.parametrize("email", EMAILS)
def test_email_formats_are_found(email):
    assert personal_details(f"écrire à {email} vite") == [email]


NOT_PERSONAL = [
    "2026-03-12",
    "12.03.2026",
    "12/03/2026",
    "le 12/03/26 à 09:30",
    "1 500 000",
    "1 500 000 FCFA",
    "15 000 000 FCFA",
    "12.500.000",
    "3 cartes, 12 personnes, 45 minutes",
    "garde du 30/04/2026",
    "room 204",
    "F07",
    "KATI-2026",
    "2026-03",
    "10, 12, 14, 16",
    "music helps [really]",
    "je suis @ la maison. Ok",
    "",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_dates_amounts_and_ordinary_notes_do_not_trigger(text):
    assert not check(text), text


def test_given_names_need_a_capital_letter_and_ignore_accents():
    assert "aminata" in given_names() and len(given_names()) >= 50
    assert names("Call Aminata Traore on Monday") == ["Aminata"]
    assert names("Aïcha and AMINATA") == ["Aïcha", "AMINATA"]
    assert names("the name aminata in lower case is not flagged") == []
    assert names("Awɔ, an bɛ taa") == []  # Bambara "yes", not the name Awa
    found = check("Call Aminata Traore on 76 12 34 56 aminata@gmail.com", "Aminata (midwife)")
    assert found.details == ["aminata@gmail.com", "76 12 34 56"]
    assert found.names == ["Aminata", "Aminata"]
    message = found.message()
    assert "76 12 34 56" in message and "Aminata" in message and "role" in message
    assert message.count("Aminata") == 1


@pytest.mark.parametrize("text, typing", [
    ("call 76 12 34", True),
    ("call 76 12 3", True),
    ("call +223 7", True),
    ("call 761234", True),
    ("call 76 12 34 56 tomorrow", False),
    ("on 12.03.2026", False),
    ("2026-03", False),
    ("12 people", False),
    ("12", False),
])
def test_a_number_being_typed(text, typing):
    assert typing_number(text) is typing


def test_a_name_being_typed():
    assert typing_name("says Mari") and typing_name("says Ami") and typing("call 76 12 3")
    assert not typing_name("says mari") and not typing_name("says Mariam.")
    assert not typing_name("Zzz") and not typing("")
