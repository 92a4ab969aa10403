"""One start of an app, exiting right after its first frame; prints peak memory (KiB).

Run by bench_tui.py: ``python bench/startup_child.py minimal|ccfacil DATA_DIR``.
"""

import resource
import sys


def minimal_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    return Minimal()


def ccfacil_app(data_dir):
    from pathlib import Path

    from ccfacil import i18n
    from ccfacil.tui.app import make_app

    i18n.configure(Path(data_dir))
    i18n.set_language("bm")
    return make_app(data_dir=Path(data_dir), console_safe=False)


def main():
    kind, data_dir = sys.argv[1], sys.argv[2]
    app = minimal_app() if kind == "minimal" else ccfacil_app(data_dir)
    app.call_after_refresh(lambda: app.call_after_refresh(app.exit))
    app.run(headless=True, size=(80, 24))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


main()
