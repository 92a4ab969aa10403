"""What ``ccfacil`` loads before its first frame: only what that frame needs (issue 11, point 7).

The whole command runs in a new process (``ccfacil.cli:main``, the installed entry
point), headless at 80x24; when the first frame is drawn it lists the modules loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = r"""
import json, sys
import textual.app

real_run = textual.app.App.run

def run(self, *args, **kwargs):
    def shown():
        print(json.dumps(sorted(sys.modules)))
        self.exit()
    self.call_after_refresh(shown)
    return real_run(self, headless=True, size=(80, 24))

textual.app.App.run = run
from ccfacil.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
"""

NOT_BEFORE_THE_FIRST_FRAME = (
    "babel", "tinydb", "tomllib", "hashlib",
    "ccfacil.storage.store", "ccfacil.storage.journal", "ccfacil.export", "ccfacil.printing",
    "ccfacil.sessions.privacy", "ccfacil.i18n.locale_tools", "ccfacil.i18n.locale_check",
    "ccfacil.commands.export", "ccfacil.commands.sessions", "ccfacil.commands.decks",
    "ccfacil.commands.locales", "ccfacil.commands.referral", "ccfacil.commands.draw",
)


def first_frame_modules(args: list[str], env_dir) -> set[str]:
    out = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True,
                         timeout=120, env={**_env(), "CCFACIL_DATA_DIR": str(env_dir),
                                           "HOME": str(env_dir / "home")})
    lines = [line for line in out.stdout.splitlines() if line.startswith('["')]
    assert lines, out.stdout[-2000:] + out.stderr[-2000:]
    return set(json.loads(lines[-1]))


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("CCFACIL_")}


def loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


# On a new device the first start compiles the catalogs (Babel) and parses the decks
# (tomllib) into the cache folder; every start after that reads them from there.
FILLING_THE_CACHES = ("babel", "tomllib")


def test_the_first_frame_loads_nothing_it_does_not_show(tmp_path):
    for run in (1, 2):
        modules = first_frame_modules(["--lang", "bm"], tmp_path)
        assert "ccfacil.tui.screens.setup" in modules  # it did reach the setup screen
        early = sorted(n for n in NOT_BEFORE_THE_FIRST_FRAME if loaded(modules, n)
                       and not (run == 1 and n in FILLING_THE_CACHES))
        assert early == [], f"start {run}: {early}"


def test_ccfacil_run_with_its_options_loads_no_other_command(tmp_path):
    modules = first_frame_modules(["run", "--participants", "6"], tmp_path)
    assert "ccfacil.commands.run" in modules
    others = sorted(m for m in modules if m.startswith("ccfacil.commands.")
                    and m not in ("ccfacil.commands.run", "ccfacil.commands.echo",
                                  "ccfacil.commands.options"))
    assert others == []


def test_the_app_runs_with_start_up_objects_frozen_and_the_collector_back_on(monkeypatch):
    """Start-up has no collector rounds; once the app has ended, nothing stays frozen
    and collection is on again, even when the app fails."""
    import gc

    import textual.app
    from click.testing import CliRunner

    from ccfacil.cli import cli

    seen = []

    def run(self, *args, **kwargs):  # Textual's own run, under the app's
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
        raise RuntimeError("the app failed")

    monkeypatch.setattr(textual.app.App, "run", run)
    result = CliRunner().invoke(cli, ["run", "--participants", "6"])
    assert isinstance(result.exception, RuntimeError)
    assert seen == [(True, True)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
