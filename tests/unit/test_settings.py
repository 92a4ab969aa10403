"""Remembered settings: round trip, defaults, a damaged file set aside (never overwritten)."""

from __future__ import annotations

from ccfacil import settings


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
    for damage in ('{"site": ', '[1, 2]', '{"participants": "ten"}'):
        path.write_text(damage, encoding="utf-8")
        loaded, warning = settings.load(tmp_path)
        assert loaded == settings.Settings()
        assert warning and str(path) in warning and not path.exists()
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("settings.json.corrupt-*"))
    assert kept == sorted(['{"site": ', '[1, 2]', '{"participants": "ten"}'])


def test_unknown_keys_are_ignored_and_bad_theme_reset(tmp_path):
    (tmp_path / settings.FILE).write_text('{"site": "KATI", "colour": 1, "theme": "neon"}',
                                          encoding="utf-8")
    loaded, warning = settings.load(tmp_path)
    assert loaded.site == "KATI" and loaded.theme == "normal" and warning is None
