"""French punctuation keeps to its word when card text is wrapped."""

from ccfacil.tui.widgets.prose import wrap


def test_french_punctuation_stays_with_its_word():
    text = "Sur le moment, respirez lentement et restez calme\u00a0: inutile de tout"
    for width in range(20, 60):
        for line in wrap(text, width).split("\n"):
            assert not line.startswith(":"), (width, line)
            assert len(line) <= width
