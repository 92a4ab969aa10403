"""Spotting phone numbers and e-mail addresses in notes."""

from ccfacil.privacy import personal_details


def test_finds_phones_and_emails():
    assert personal_details("appeler le 76 12 34 56 demain") == ["76 12 34 56"]
    assert personal_details("+223 76-12-34-56") == ["+223 76-12-34-56"]
    assert personal_details("ecrire a awa.k@example.org") == ["awa.k@example.org"]
    assert personal_details("0022376123456")


def test_leaves_ordinary_notes_alone():
    for text in ("3 cartes, 12 personnes, 45 minutes", "garde du 30/04/2026",
                 "music helps [really]", "room 204", ""):
        assert personal_details(text) == [], text

