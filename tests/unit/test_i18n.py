"""Catalog loading, the fallback chain and run-time language switches."""

from __future__ import annotations

import os
import time

from ccfacil.cards.deck import localized
from ccfacil.cards.deckfile import load_deck
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.catalogs import LocaleRegistry, placeholders
from tests.catalog_helpers import write_catalog


def make_locales(root):
    write_catalog(root, "fr", "ccfacil", {"Hello": "Bonjour", "Goodbye": "Au revoir",
                                          "Thanks": "Merci"})
    write_catalog(root, "bm", "ccfacil", {"Hello": "I ni ce", "Thanks": ""},
                  fuzzy=("Goodbye",))
    write_catalog(root, "fr", "cards", {
        ("demo/self-01/question", "How do you rest [really]?"): "Comment vous reposez-vous ?",
        ("demo/self-01/advice", "Breathe out slowly."): "Expirez lentement.",
    })
    write_catalog(root, "bm", "cards", {
        ("demo/self-01/question", "How do you rest [really]?"): "I bɛ i lafiɲɛ cogo di?",
    })
    return LocaleRegistry([root])


def test_chain_falls_back_bm_fr_en(tmp_path):
    registry = make_locales(tmp_path / "loc")
    bm = i18n.Localizer(registry, "bm")
    assert bm.gettext("Hello") == "I ni ce"
    assert bm.gettext("Thanks") == "Merci"  # empty in bm -> fr
    assert bm.gettext("Goodbye") == "Au revoir"  # fuzzy in bm -> fr
    assert bm.gettext("Unknown") == "Unknown"  # -> en
    fr = i18n.Localizer(registry, "fr")
    assert fr.gettext("Unknown") == "Unknown"


def test_cards_fall_back_field_by_field(tmp_path, demo_deck):
    registry = make_locales(tmp_path / "loc")
    deck = localized(load_deck(demo_deck), i18n.Localizer(registry, "bm"))
    card = deck.card("self-01")
    assert card.question == "I bɛ i lafiɲɛ cogo di?"
    assert card.advice == "Expirez lentement."
    assert card.affirmation == "I rest."
    assert deck.lang == "bm"


def test_fallback_is_configurable(tmp_path, monkeypatch):
    from ccfacil import runenv

    monkeypatch.setenv("CCFACIL_FALLBACK", "en")
    i18n.configure(registry_=make_locales(tmp_path / "loc"),
                   fallback=runenv.fallback_languages(tmp_path / "data"))
    assert i18n.Localizer(i18n.registry(), "bm").gettext("Thanks") == "Thanks"


def test_the_runtime_reads_no_settings_and_no_environment(tmp_path, monkeypatch):
    """The fallback is given to i18n (by the run environment): neither ``CCFACIL_FALLBACK``
    nor ``settings.json`` is read by the runtime itself."""
    from ccfacil.storage import settings

    data = tmp_path / "data"
    settings.save(data, settings.Settings(fallback="en"))
    monkeypatch.setenv("CCFACIL_FALLBACK", "en")
    i18n.configure(data, make_locales(tmp_path / "loc"))
    assert i18n.configured_fallback() == ("fr",)
    assert i18n.set_language("bm").gettext("Thanks") == "Merci"  # bm -> fr


def test_runtime_switch_uses_fresh_objects(tmp_path):
    i18n.configure(registry_=make_locales(tmp_path / "loc"))
    seen = []
    for lang in ("en", "fr", "bm", "en", "bm"):
        i18n.set_language(lang)
        seen.append((i18n.current_language(), i18n._("Hello"), i18n._("Thanks")))
    assert seen == [("en", "Hello", "Thanks"), ("fr", "Bonjour", "Merci"),
                    ("bm", "I ni ce", "Merci"), ("en", "Hello", "Thanks"),
                    ("bm", "I ni ce", "Merci")]
    # Two switches to bm never share a chain that an earlier switch extended.
    assert i18n.Localizer(i18n.registry(), "bm").messages is not i18n.active().messages


def test_later_root_wins(tmp_path):
    shipped, mine = tmp_path / "shipped", tmp_path / "mine"
    write_catalog(shipped, "fr", "ccfacil", {"Hello": "Bonjour"})
    write_catalog(mine, "fr", "ccfacil", {"Hello": "Salut"})
    registry = LocaleRegistry([shipped, mine])
    assert registry.languages() == ["en", "fr"]
    assert i18n.Localizer(registry, "fr").gettext("Hello") == "Salut"


def test_po_newer_than_mo_is_compiled_in_memory(tmp_path):
    root = tmp_path / "loc"
    po = write_catalog(root, "fr", "ccfacil", {"Hello": "Bonjour"})
    from ccfacil.i18n.catalogs import compile_catalog, read_catalog
    po.with_suffix(".mo").write_bytes(compile_catalog(read_catalog(po, "fr")))
    old = time.time() - 100
    os.utime(po.with_suffix(".mo"), (old, old))
    write_catalog(root, "fr", "ccfacil", {"Hello": "Salut"})
    assert i18n.Localizer(LocaleRegistry([root]), "fr").gettext("Hello") == "Salut"


def test_broken_po_falls_back_and_is_reported(tmp_path):
    root = tmp_path / "loc"
    make_locales(root)
    po = root / "bm" / "LC_MESSAGES" / "ccfacil.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "unterminated\n',
                  encoding="utf-8")
    registry = LocaleRegistry([root])
    assert i18n.Localizer(registry, "bm").gettext("Hello") == "Bonjour"
    assert len(registry.problems) == 1
    assert str(registry.problems[0]).startswith(f"{po}:")


def test_placeholder_mismatch_is_dropped_not_crashing(tmp_path):
    root = tmp_path / "loc"
    write_catalog(root, "fr", "ccfacil", {"%(num)d cards": "%(nombre)d cartes", "Hi": "Salut"})
    registry = LocaleRegistry([root])
    fr = i18n.Localizer(registry, "fr")
    assert fr.gettext("%(num)d cards") % {"num": 3} == "3 cards"
    assert fr.gettext("Hi") == "Salut"
    assert "placeholders differ" in str(registry.problems[0])


def test_placeholders():
    assert placeholders("%(a)s and {b} and %(c)05.1f {}") == ["a", "c", "{b}", "{}"]


def test_language_names(tmp_path):
    root = tmp_path / "loc"
    make_locales(root)
    write_catalog(root, "dtm", "ccfacil", {}, headers={"X-Language-Name": "Tomo Kan"})
    registry = LocaleRegistry([root])
    assert registry.language_name("fr") == "Français"
    assert registry.language_name("bm") == "Bamanakan"
    assert registry.language_name("dtm") == "Tomo Kan"


def test_fallback_configured_per_install_in_settings(tmp_path):
    from ccfacil import runenv
    from ccfacil.storage import settings

    data = tmp_path / "data"
    settings.save(data, settings.Settings(fallback="en"))
    assert runenv.fallback_languages(data) == ("en",)
    i18n.configure(data, make_locales(tmp_path / "loc"), runenv.fallback_languages(data))
    assert i18n.configured_fallback() == ("en",)
    assert i18n.set_language("bm").gettext("Thanks") == "Thanks"  # bm -> en, not fr
