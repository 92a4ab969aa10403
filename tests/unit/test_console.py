"""The Linux console check: which Bambara letters a console font lacks."""

from ccfacil import console


def test_linux_console_is_told_by_term():
    assert console.is_linux_console({"TERM": "linux"})
    assert not console.is_linux_console({"TERM": "xterm-256color"})


def test_missing_letters():
    assert console.missing_letters(None) is None  # cannot tell: say nothing
    assert console.missing_letters(set("abcɛɔɲŋƐƆƝŊ")) == ""
    assert console.missing_letters(set("abcɛɔ")) == "ɲŋƐƆƝŊ"


def test_font_characters_off_a_console_is_unknown(tmp_path):
    with open(tmp_path / "f", "w") as handle:  # not a tty: the ioctl is refused
        assert console.font_characters(handle.fileno()) is None
    assert console.font_characters(-1) is None
