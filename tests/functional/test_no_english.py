"""Walk every screen in French and Bambara: no English may leak onto the screen."""

from __future__ import annotations

import re

import pytest

from ccfacil import paths
from ccfacil.i18n.catalogs import LocaleRegistry, read_catalog
from ccfacil.sessions.turns import FakeClock
from tests.tui_helpers import build_app, screen_text

TEXTUAL_ENGLISH = ["Command palette", "Search for commands", "Do you want to quit",
                   "to quit the app", "Press ctrl"]


def english_fragments(lang: str) -> list[str]:
    """Pieces of English program text that the language translates differently."""
    template = read_catalog(paths.shipped_locales_dir() / "ccfacil.pot")
    loaded = LocaleRegistry([paths.shipped_locales_dir()]).load(lang, "ccfacil")
    fragments = set(TEXTUAL_ENGLISH)
    for message in template:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        compiled = loaded.translations()
        if isinstance(message.id, tuple):  # every plural form of the translation
            translated = " ".join(compiled.ngettext(ids[0], ids[1], n) for n in (1, 2, 5))
        else:
            translated = loaded.entries.get((message.context, ids[0]), "")
        for msgid in ids:
            for piece in re.split(r"%\(\w+\)\w|%%|\n|:", msgid):
                piece = piece.strip(" .,()·")
                # Names that stay the same in translation (Club Courage, Tab) are not leaks.
                if len(piece) >= 4 and re.search(r"[a-z]{3}", piece) and piece not in translated:
                    fragments.add(piece)
    return sorted(fragments)


async def every_screen(app, clock):
    """Yield the text of each screen a facilitator can reach."""
    pilot_screens = []

    async def grab(pilot):
        await pilot.pause()
        pilot_screens.append(screen_text(app))

    async with app.run_test(size=(160, 45)) as pilot:
        await grab(pilot)  # setup
        await pilot.press("enter")
        await grab(pilot)  # opening
        await pilot.press("space")
        clock.advance(20)
        app.screen.tick()
        await grab(pilot)  # opening, speaking
        await pilot.press("n")
        await grab(pilot)  # card, question
        await pilot.press("r", "r", "space")
        clock.advance(200)
        app.screen.tick()
        await grab(pilot)  # card revealed, overtime
        await pilot.press("t")
        clock.advance(5)
        app.screen.tick()
        await grab(pilot)  # paused, with airtime
        await pilot.press("question_mark")
        await grab(pilot)  # help
        await pilot.press("escape", "d")
        await grab(pilot)  # domains
        await pilot.press("escape", "q")
        await grab(pilot)  # confirm quit
        await pilot.press("escape", "c")
        await grab(pilot)  # closing
        await pilot.press("n")
        await grab(pilot)  # finished, summary
    return pilot_screens


@pytest.mark.parametrize("lang", ["fr", "bm"])
async def test_no_english_on_any_screen(tmp_path, lang):
    clock = FakeClock()
    app = build_app(tmp_path / "data", lang, clock)
    screens = await every_screen(app, clock)
    assert len(screens) == 11
    fragments = english_fragments(lang)
    assert len(fragments) > 50
    english_cards = {c.question[:40] for c in app.ctx.library.load("courage").cards}
    for number, text in enumerate(screens):
        flat = " ".join(text.split())
        leaks = [f for f in fragments if re.search(rf"(?<![\w/]){re.escape(f)}(?![\w])", flat)]
        assert not leaks, f"screen {number}: {leaks}\n{text}"
        assert not any(q in flat for q in english_cards), f"screen {number}: English card"
