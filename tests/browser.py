"""A real browser for the tests: Debian's headless Chromium, and poppler's PDF tools.

Locally, without them, the browser tests are skipped; in CI (``CI`` set, as ``.ci/run``
does) their absence is a failure: ``.ci/run`` installs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = ("pdftotext", "pdftoppm", "pdfinfo")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-extensions", "--hide-scrollbars")
MM = 72 / 25.4  # PDF points per millimetre
REPORT_ID = "ccfacil-test-report"


def chromium() -> str:
    """The browser's path; skips (locally) or fails (in CI) when it or poppler is missing."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [name for name in TOOLS if shutil.which(name) is None]
    if found and not missing:
        return found
    what = ", ".join(([] if found else ["chromium"]) + missing)
    if os.environ.get("CI"):
        pytest.fail(f"{what} missing in CI: .ci/run installs chromium and poppler-utils")
    pytest.skip(f"{what} not installed (apt-get install chromium poppler-utils)")


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def print_pdf(page: Path, pdf: Path) -> Path:
    """Print ``page`` to ``pdf`` as the browser's print dialog would (no header/footer)."""
    _run([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.resolve().as_uri()],
         pdf.parent / f".profile-{pdf.stem}")
    assert pdf.is_file() and pdf.stat().st_size > 0
    return pdf


def check_in_page(page: Path, script: str) -> dict:
    """Run ``script`` in a copy of ``page`` (it must call ``report(value)``) and return the
    value it reported, read back from the page's DOM after the browser laid it out."""
    copy = page.with_name(page.stem + ".checked.html")
    report = ("function report(value) { const pre = document.createElement('pre');"
              f" pre.id = '{REPORT_ID}'; pre.textContent = JSON.stringify(value);"
              " document.body.appendChild(pre); }")
    html = page.read_text(encoding="utf-8")
    copy.write_text(html.replace("</body>", f"<script>{report}\n{script}</script></body>"),
                    encoding="utf-8")
    dom = _run(["--dump-dom", copy.resolve().as_uri()], page.parent / ".profile-dom").stdout
    found = re.search(f'<pre id="{REPORT_ID}">(.*?)</pre>', dom, re.S)
    assert found, "the check did not report"
    import html as html_module

    return json.loads(html_module.unescape(found.group(1)))


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def page_size(pdf: Path) -> tuple[float, float]:
    """Width and height of the first page in mm."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.M)
    return float(found.group(1)) / MM, float(found.group(2)) / MM


def text(pdf: Path, page: int, box: tuple[float, float, float, float] | None = None) -> str:
    """The text of one page (or of the ``(x, y, width, height)`` box in mm on it), with
    every run of white space made one space."""
    args = ["pdftotext", "-f", str(page), "-l", str(page), "-r", "72", "-enc", "UTF-8"]
    if box is not None:
        x, y, width, height = (round(v * MM) for v in box)
        args += ["-x", str(x), "-y", str(y), "-W", str(width), "-H", str(height)]
    done = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return flat(done.stdout)


def flat(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").split())


def squash(value: str) -> str:
    """Text without spaces or hyphens: pdftotext joins a word broken after a hyphen at
    the end of a line ("aide-t-" / "elle" gives "aide-telle")."""
    return re.sub(r"[\s\-\u2010\u2011]", "", value)


def png(pdf: Path, page: int, target: Path, dpi: int = 50) -> Path:
    """One page as a PNG image (``target`` without its ``.png``)."""
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(target)], check=True)
    return target.with_suffix(".png")
