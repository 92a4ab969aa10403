"""The baseline for start-up benchmarks: a minimal Textual app (Header + Static + Footer)."""

from textual.app import App
from textual.widgets import Footer, Header, Static


class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("Club Courage")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
