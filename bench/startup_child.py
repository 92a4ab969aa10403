"""One start of an app: prints the seconds from process start to its first frame, and
its peak memory (KiB), then exits.

Run by bench_tui.py: ``python bench/startup_child.py minimal|ccfacil DATA_DIR SPAWNED``,
where SPAWNED is the parent's ``time.time()`` just before it started this process.
"""

import resource
import sys
import time


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

    from ccfacil.i18n import runtime as i18n
    from ccfacil.tui.app import make_app

    i18n.configure(Path(data_dir))
    i18n.set_language("bm")
    return make_app(data_dir=Path(data_dir), console_safe=False)


def main():
    kind, data_dir, spawned = sys.argv[1], sys.argv[2], float(sys.argv[3])
    app = minimal_app() if kind == "minimal" else ccfacil_app(data_dir)
    first_frame = []

    def shown():
        first_frame.append(time.time() - spawned)
        app.call_after_refresh(app.exit)  # let what the app does next run, then stop

    app.call_after_refresh(shown)
    app.run(headless=True, size=(80, 24))
    print(first_frame[0], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


main()
