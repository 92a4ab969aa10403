"""The app's stylesheet is parsed once, then read back; a cache that is wrong is never used."""

from __future__ import annotations

import textual.css.stylesheet as textual_stylesheet

from ccfacil.tui import csscache
from ccfacil.tui.csscache import CachedStylesheet

SOURCE = ("/app/ccfacil.tcss", "")
CSS = "".join(f"#w{n} {{ color: $tone; padding: {n % 3}; }}\n" for n in range(120))


def parsed(cache_dir, variables, css=CSS):
    sheet = CachedStylesheet(variables=variables, cache_dir=cache_dir)
    sheet.add_source(css, read_from=SOURCE)
    return [rule.css for rule in sheet.rules]


def count_parses(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = textual_stylesheet.parse

    def counting(scope, css, *args, **kwargs):
        calls.append(css)
        return real(scope, css, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting)
    return calls


def test_the_second_start_reads_the_rules_back_without_parsing(tmp_path, monkeypatch):
    calls = count_parses(monkeypatch)
    first = parsed(tmp_path, {"tone": "#123456"})
    assert calls == [CSS]
    again = parsed(tmp_path, {"tone": "#123456"})
    assert again == first and "#123456" in first[0]
    assert calls == [CSS]  # not parsed again


def test_a_widget_adding_its_css_does_not_read_the_file_again(tmp_path, monkeypatch):
    parsed(tmp_path, {"tone": "#123456"})
    reads = []
    real_read = csscache._read
    monkeypatch.setattr(csscache, "_read", lambda path, key: reads.append(path) or real_read(
        path, key))
    sheet = CachedStylesheet(variables={"tone": "#123456"}, cache_dir=tmp_path)
    sheet.add_source(CSS, read_from=SOURCE)
    sheet.rules
    sheet.add_source("Label { color: blue; }", read_from=("x.py", "Label.DEFAULT_CSS"),
                     is_default_css=True)
    sheet.rules
    assert len(reads) == 1


def test_another_theme_is_parsed_with_its_own_colours(tmp_path, monkeypatch):
    parsed(tmp_path, {"tone": "#123456"})
    calls = count_parses(monkeypatch)
    other = parsed(tmp_path, {"tone": "#654321"})
    assert calls == [CSS] and "#654321" in other[0] and "#123456" not in " ".join(other)


def test_changed_css_is_parsed_again(tmp_path, monkeypatch):
    parsed(tmp_path, {"tone": "#123456"})
    changed = CSS.replace("#w0 {", "#changed {")
    calls = count_parses(monkeypatch)
    rules = parsed(tmp_path, {"tone": "#123456"}, css=changed)
    assert calls == [changed] and rules[0].startswith("#changed")


def test_a_damaged_or_foreign_cache_file_is_parsed_again(tmp_path, monkeypatch):
    first = parsed(tmp_path, {"tone": "#123456"})
    (stored,) = tmp_path.glob("*.pickle")
    for damage in (b"", b"\x80\x05garbage", stored.read_bytes()[:100]):
        stored.write_bytes(damage)
        calls = count_parses(monkeypatch)
        assert parsed(tmp_path, {"tone": "#123456"}) == first
        assert calls == [CSS]


def test_a_cache_folder_that_cannot_be_written_only_costs_the_parse(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    calls = count_parses(monkeypatch)
    assert parsed(blocked / "css", {"tone": "#123456"}) == parsed(blocked / "css", {"tone": "#123456"})
    assert len(calls) == 2
    assert blocked.read_text() == "not a folder"
