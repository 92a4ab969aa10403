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


def fake_process(proc, pid, comm, tty_nr, uid_ok=True):
    folder = proc / str(pid)
    folder.mkdir(parents=True)
    (folder / "comm").write_text(comm + "\n")
    (folder / "stat").write_text(f"{pid} ({comm}) S 1 {pid} {pid} {tty_nr} -1 4194560 0 0\n")
    return folder


def test_console_seen_through_tmux_or_screen(tmp_path):
    import os

    proc = tmp_path / "proc"
    fake_process(proc, 10, "bash", (136 << 8) | 3)  # a pseudo-terminal
    fake_process(proc, 11, "tmux: server", 0)
    me = os.getuid()
    inside_tmux = {"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,11,0"}
    assert console.console_device(inside_tmux, proc, me) is None  # tmux in an xterm
    fake_process(proc, 12, "tmux: client", (4 << 8) | 2)  # attached on /dev/tty2
    assert console.console_device(inside_tmux, proc, me) == "/dev/tty2"
    assert console.console_device({"TERM": "screen", "STY": "42.tty2.host"}, proc, me) \
        == "/dev/tty2"
    assert console.console_device({"TERM": "xterm"}, proc, me) is None  # not in tmux
    assert console.console_device({"TERM": "linux"}, proc, me) == ""  # the console itself
    assert console.console_device(inside_tmux, proc, me + 1) is None  # someone else's


def test_font_warning_inside_tmux_on_the_console(tmp_path, monkeypatch):
    from ccfacil.tui.app import make_app

    monkeypatch.setattr(console, "console_device", lambda: "/dev/tty2")
    monkeypatch.setattr(console, "device_font_characters",
                        lambda device: set("abcdefghijklmnopqrstuvwxyz") if device else None)
    app = make_app(data_dir=tmp_path / "data")
    assert app.ctx.console_safe  # ASCII there too
    assert any("ɛ" in w and "Bambara" in w for w in app.ctx.warnings)
