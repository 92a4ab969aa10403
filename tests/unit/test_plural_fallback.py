"""An untranslated plural message falls back like a singular one: bm -> fr -> English."""

from __future__ import annotations

import textwrap

import pytest

from ccfacil.i18n.catalogs import LocaleRegistry
from ccfacil.i18n.runtime import Localizer

HEADER = """\
msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: {plural}\\n"

msgid "Welcome"
msgstr "{welcome}"

msgid "%(num)d card discussed"
msgid_plural "%(num)d cards discussed"
{plural_strings}
"""


def catalog(root, lang, plural, welcome, plural_strings):
    folder = root / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    text = HEADER.format(lang=lang, plural=plural, welcome=welcome,
                         plural_strings=textwrap.dedent(plural_strings).strip())
    (folder / "ccfacil.po").write_text(text, encoding="utf-8")
    return folder / "ccfacil.po"


@pytest.fixture
def roots(tmp_path):
    root = tmp_path / "locales"
    catalog(root, "fr", "nplurals=2; plural=(n > 1);", "Bienvenue",
            'msgstr[0] "%(num)d carte discutée"\nmsgstr[1] "%(num)d cartes discutées"')
    catalog(root, "bm", "nplurals=1; plural=0;", "I ni ce", 'msgstr[0] ""')
    return root


def test_untranslated_plural_falls_back_to_french_in_memory(roots):
    bm = Localizer(LocaleRegistry([roots]), "bm", ("fr",))
    assert bm.gettext("Welcome") == "I ni ce"
    assert bm.ngettext("%(num)d card discussed", "%(num)d cards discussed", 1) == \
        "%(num)d carte discutée"
    assert bm.ngettext("%(num)d card discussed", "%(num)d cards discussed", 3) == \
        "%(num)d cartes discutées"


def test_untranslated_plural_falls_back_to_french_when_compiled(roots):
    from ccfacil.i18n import locale_tools

    done = locale_tools.compile_catalogs([roots])
    assert {p.parent.parent.name for p in done} == {"fr", "bm"}
    bm = Localizer(LocaleRegistry([roots]), "bm", ("fr",))
    assert bm.ngettext("%(num)d card discussed", "%(num)d cards discussed", 1) == \
        "%(num)d carte discutée"
