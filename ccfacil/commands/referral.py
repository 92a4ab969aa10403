"""``ccfacil referral show|set|clear``: where a site sends someone who needs more help."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ccfacil.clienv import Env, pass_env
from ccfacil.commands.echo import echo
from ccfacil.errors import CcfacilError, UsageProblem
from ccfacil.i18n.runtime import _
from ccfacil.storage import referral

site_option = click.option(
    "--site", help="Site code (default: the one the app remembers; any case).")


def _site(env: Env, site: str | None) -> str:
    if site is not None:
        return site.strip()
    return env.remembered_site()


def _where(site: str) -> str:
    return site or _("this device (no site code)")


@click.group("referral")
def referral_group() -> None:
    """The referral text of a site: who to go to when someone needs more help than the club."""


@referral_group.command("show")
@site_option
@pass_env
def show(env: Env, site: str | None) -> None:
    """Print the site's referral text (or how to set one)."""
    code = _site(env, site)
    text = referral.load_referral(env.data_dir, code)
    echo(text if text is not None else _(referral.NOT_SET))


def _read_text(text: str | None, file: Path | None) -> str:
    if text is not None and file is not None:
        raise UsageProblem(_("give the text or --file, not both"))
    if file is not None:
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CcfacilError(f"{file}: " + _("cannot read: %(reason)s")
                               % {"reason": exc.strerror or exc}) from None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CcfacilError(f"{file}: " + _("not UTF-8 text (byte %(offset)d)")
                               % {"offset": exc.start}) from None
    if text is not None and text != "-":
        return text
    if text is None and (sys.stdin is None or sys.stdin.isatty()):
        raise UsageProblem(_("give the text, --file FILE, or - to read it from standard input"))
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CcfacilError(_("standard input: not UTF-8 text (byte %(offset)d)")
                           % {"offset": exc.start}) from None


@referral_group.command("set")
@site_option
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False),
              help="Read the text from this UTF-8 file.")
@click.argument("text", required=False)
@pass_env
def set_text(env: Env, site: str | None, file: Path | None, text: str | None) -> None:
    """Set the site's referral text: TEXT, --file FILE, or standard input (TEXT = -)."""
    code = _site(env, site)
    value = referral.clean(_read_text(text, file))
    if not value:
        raise UsageProblem(_("the referral text is empty (to remove it: ccfacil referral clear)"))
    saved = referral.save_referral(env.data_dir, code, value)
    if saved.moved is not None:
        echo(_("warning: %(path)s could not be read; it was set aside as %(aside)s")
                   % {"path": env.data_dir / referral.FILE, "aside": saved.moved.name}, err=True)
    if saved.warnings:
        echo(_("warning: the text seems to hold a phone number or e-mail address "
                     "(%(found)s): keep only a service's own, checked number, never a "
                     "person's private one") % {"found": ", ".join(saved.warnings)}, err=True)
    echo(_("Referral text saved for %(site)s.") % {"site": _where(code)})


@referral_group.command("clear")
@site_option
@pass_env
def clear(env: Env, site: str | None) -> None:
    """Remove the site's referral text."""
    code = _site(env, site)
    if referral.clear_referral(env.data_dir, code):
        echo(_("Referral text removed for %(site)s.") % {"site": _where(code)})
    else:
        echo(_("No referral text set for %(site)s.") % {"site": _where(code)})
