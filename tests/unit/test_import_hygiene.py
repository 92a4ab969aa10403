"""The core never imports textual: only ``ccfacil.tui`` may."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import ccfacil


def core_modules() -> list[str]:
    names = ["ccfacil"]
    for info in pkgutil.walk_packages(ccfacil.__path__, "ccfacil."):
        if not info.name.startswith("ccfacil.tui"):
            names.append(info.name)
    return sorted(names)


def test_there_are_core_modules_to_check():
    names = core_modules()
    for expected in ("ccfacil.cards.deck", "ccfacil.cards.draw", "ccfacil.i18n.runtime", "ccfacil.cli"):
        assert expected in names


def test_no_core_module_imports_textual():
    code = (
        "import importlib, json, sys\n"
        "bad = {}\n"
        f"for name in {core_modules()!r}:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(name)\n"
        "    if any(m == 'textual' or m.startswith('textual.') for m in sys.modules):\n"
        "        bad[name] = True\n"
        "        break\n"
        "print(json.dumps(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_no_network_modules_in_core():
    code = (
        "import importlib, json, sys\n"
        f"[importlib.import_module(n) for n in {core_modules()!r}]\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('requests', 'urllib3', 'httpx', 'aiohttp'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
