"""Remembered settings: round trip, defaults, a damaged file set aside (never overwritten)."""

from __future__ import annotations

import json

import pytest

from ccfacil.storage import settings


def test_round_trip_and_file_mode(tmp_path):
    remembered = settings.Settings(site="BKO-CSREF", participants=12, theme="projector")
    settings.save(tmp_path, remembered)
    loaded, warning = settings.load(tmp_path)
    assert loaded == remembered and warning is None
    assert (tmp_path / settings.FILE).stat().st_mode & 0o777 == 0o600


def test_missing_file_gives_defaults(tmp_path):
    assert settings.load(tmp_path) == (settings.Settings(), None)


def test_damaged_file_is_set_aside_with_a_warning(tmp_path):
    path = tmp_path / settings.FILE
    for damage in ('{"site": ', '[1, 2]'):
        path.write_text(damage, encoding="utf-8")
        loaded, warning = settings.load(tmp_path)
        assert loaded == settings.Settings()
        assert warning and str(path) in warning and not path.exists()
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("settings.json.corrupt-*"))
    assert kept == sorted(['{"site": ', '[1, 2]'])


def test_unknown_keys_are_ignored_and_bad_theme_reset(tmp_path):
    (tmp_path / settings.FILE).write_text('{"site": "KATI", "colour": 1, "theme": "neon"}',
                                          encoding="utf-8")
    loaded, warning = settings.load(tmp_path)
    assert loaded.site == "KATI" and loaded.theme == "normal"
    assert "theme \"neon\"" in warning


@pytest.mark.parametrize("key, value", [
    ("participants", 500), ("participants", "ten"), ("participants", True),
    ("turn_seconds", 0), ("length_minutes", 10**9), ("fresh_sessions", -1),
    ("mode", "domain:,,"), ("mode", ""), ("site", "a b c"), ("bell", "yes"), ("theme", 3),
])
def test_a_value_out_of_range_uses_the_default_and_keeps_a_copy(tmp_path, key, value):
    path = tmp_path / settings.FILE
    text = json.dumps({"site": "KATI", "participants": 12, key: value})
    path.write_text(text, encoding="utf-8")
    loaded, warning = settings.load(tmp_path)
    assert getattr(loaded, key) == getattr(settings.Settings(), key)  # the default
    if key not in ("site", "participants"):
        assert loaded.site == "KATI" and loaded.participants == 12  # the good ones are kept
    assert warning.startswith(f"{path}: {key} ") and "default" in warning
    assert "--" not in warning  # it blames the file, not command-line options
    copies = list(tmp_path.glob("settings.json.bad-*"))
    assert [c.read_text(encoding="utf-8") for c in copies] == [text]
    assert copies[0].name in warning and path.read_text(encoding="utf-8") == text
    settings.load(tmp_path)
    assert len(list(tmp_path.glob("settings.json.bad-*"))) == 1  # one copy, not one a start
