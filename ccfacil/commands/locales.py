"""``ccfacil locales``: list, init, extract, update, compile and check translations."""

from __future__ import annotations

from pathlib import Path

import click

from ccfacil import paths
from ccfacil.cards.deck import translatable_texts
from ccfacil.clienv import Env, pass_env
from ccfacil.commands.echo import echo
from ccfacil.errors import CcfacilError
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.catalogs import DOMAINS, SOURCE_LANG, CatalogReadError, read_catalog
from ccfacil.i18n.runtime import N_, _


@click.group("locales")
def locales() -> None:
    """Translations: list, create, extract, update, compile and check catalogs."""


def _templates() -> Path:
    return paths.shipped_locales_dir()


def _template(domain: str):
    try:
        return read_catalog(_templates() / f"{domain}.pot")
    except CatalogReadError:
        return None


def _writable_roots(env: Env, root: Path | None) -> list[Path]:
    """Where update/compile work by default: the user's folders, and the clone's own."""
    if root is not None:
        return [root]
    roots = [env.data_dir / "locales", *paths.env_paths(paths.ENV_LOCALE_PATH)]
    if paths.is_source_checkout():
        roots.insert(0, paths.shipped_locales_dir())
    return [r for r in roots if r.is_dir()]


dir_option = click.option("--dir", "root", type=click.Path(path_type=Path, file_okay=False),
                          help="A locales folder (holding <ll>/LC_MESSAGES/).")


@locales.command("list")
@pass_env
def list_locales(env: Env) -> None:
    """Every available language: code, own name, % translated per domain, where it is."""
    from ccfacil.i18n import locale_tools

    registry = i18n.registry()
    folders = registry.locale_dirs()
    templates = {d: _template(d) for d in DOMAINS}
    code, name, where = _("code"), _("name"), _("where")
    echo(f"{code:<6} {name:<16} {'ccfacil':>8} {'cards':>8}  {where}")
    for lang in registry.languages():
        name = registry.language_name(lang)
        if lang == SOURCE_LANG and lang not in folders:
            source = _("source")
            echo(f"{lang:<6} {name:<16} {source:>8} {source:>8}  " + _("(built in)"))
            continue
        cells = []
        for domain in DOMAINS:
            po = registry.po_path(lang, domain)
            try:
                catalog = read_catalog(po, lang) if po else None
            except CatalogReadError:
                cells.append(_("broken"))
                continue
            if catalog is None:
                cells.append("0%")
                continue
            percent = locale_tools.stats(catalog, templates[domain]).percent
            cells.append(f"{percent:.0f}%" if percent in (0, 100) else f"{percent:.1f}%")
        note = _review_note(registry, lang)
        echo(f"{lang:<6} {name:<16} {cells[0]:>8} {cells[1]:>8}  {folders[lang]}{note}")


def _review_note(registry, lang: str) -> str:
    """``  (needs native review)``, or per catalog when the two say different things.
    The header's own words are English ("needs native review"): the usual ones are said
    in the active language; a reviewer's own note is shown as written."""
    found = {}
    for domain in DOMAINS:
        loaded = registry.load(lang, domain)
        status = loaded.header.get("X-Review-Status", "").strip() if loaded else ""
        if status:
            found[domain] = _(REVIEW_STATES[status]) if status in REVIEW_STATES else status
    if not found:
        return ""
    if len(found) == len(DOMAINS) and len(set(found.values())) == 1:
        return f"  ({next(iter(found.values()))})"
    return "  (" + "; ".join(f"{domain}: {status}" for domain, status in found.items()) + ")"


REVIEW_STATES = {"needs native review": N_("needs native review"),
                 "reviewed": N_("reviewed")}


@locales.command("init")
@click.argument("lang")
@dir_option
@click.option("--name", help="The language's own name, for languages CLDR does not know.")
@pass_env
def init_locale(env: Env, lang: str, root: Path | None, name: str | None) -> None:
    """Create ccfacil.po and cards.po for a new language LANG (e.g. ff, ses, dtm)."""
    from ccfacil.i18n import locale_tools

    target = root or env.data_dir / "locales"
    for path in locale_tools.init(lang, target, _templates(), name=name):
        echo(_("created %(path)s") % {"path": path})
    echo(_("Translate them (e.g. with Poedit), then run: ccfacil locales check %(lang)s")
               % {"lang": lang})


@locales.command("extract")
@click.option("--dir", "root", type=click.Path(path_type=Path, file_okay=False),
              help="Where to write ccfacil.pot and cards.pot.")
@pass_env
def extract_templates(env: Env, root: Path | None) -> None:
    """Write the templates from the program and the decks (pybabel extract)."""
    from ccfacil.i18n import locale_tools

    if root is None:
        root = paths.shipped_locales_dir() if paths.is_source_checkout() \
            else env.data_dir / "locales"
    deck_roots = [r for r in env.library.roots if r.is_dir()]
    for path in locale_tools.extract(root, deck_roots):
        echo(_("wrote %(path)s") % {"path": path})


@locales.command("update")
@click.argument("lang", required=False)
@dir_option
@click.option("--fix-typography", is_flag=True,
              help="Also put no-break spaces before : ; ? ! and inside « » in French.")
@pass_env
def update_locales(env: Env, lang: str | None, root: Path | None, fix_typography: bool) -> None:
    """Merge the templates into the catalogs (pybabel update); changed English turns fuzzy.

    Review marks (#. REVIEW: ...) are kept, and those <lang>/REVIEW.md lists are added.
    """
    from ccfacil.i18n import locale_tools

    stale: list[str] = []
    done = locale_tools.update(_writable_roots(env, root), _templates(), lang,
                               fix_typography=fix_typography, problems=stale)
    for problem in stale:
        echo(_("warning: %(problem)s") % {"problem": problem}, err=True)
    if not done:
        raise CcfacilError(_("no catalogs to update"))
    for path in done:
        echo(_("updated %(path)s") % {"path": path})


@locales.command("compile")
@click.argument("lang", required=False)
@dir_option
@pass_env
def compile_locales(env: Env, lang: str | None, root: Path | None) -> None:
    """Compile catalogs to .mo files (pybabel compile); optional: ccfacil does it in memory."""
    from ccfacil.i18n import locale_tools

    done = locale_tools.compile_catalogs(_writable_roots(env, root), lang)
    if not done:
        raise CcfacilError(_("no catalogs to compile"))
    for path in done:
        echo(_("compiled %(path)s") % {"path": path})


@locales.command("check")
@click.argument("langs", nargs=-1)
@click.option("--complete", "complete", multiple=True,
              help="Also fail unless this language is 100% translated (repeatable).")
@click.option("--quiet", "-q", is_flag=True, help="Only errors and warnings, no counts.")
@pass_env
def check_locales(env: Env, langs: tuple[str, ...], complete: tuple[str, ...],
                  quiet: bool) -> None:
    """Check catalogs: counts, plural header, placeholders, markup, NFC, stale .mo."""
    from ccfacil.i18n.locale_check import INFO, check_catalog

    registry = i18n.registry()
    folders = registry.locale_dirs()
    wanted = list(langs) or [lang for lang in registry.languages() if lang in folders]
    for lang in [*wanted, *complete]:
        if lang not in folders:
            raise CcfacilError(_("no catalogs for '%(lang)s' (available: %(langs)s)")
                               % {"lang": lang, "langs": ", ".join(sorted(folders))})
    decks, _problems = env.library.load_all()
    contexts = {ctx for deck in decks for ctx, _t, _n in translatable_texts(deck)}
    errors = 0
    for lang in dict.fromkeys([*wanted, *complete]):
        for domain in DOMAINS:
            po = folders[lang] / "LC_MESSAGES" / f"{domain}.po"
            if not po.is_file():
                echo(_("%(path)s: error: missing") % {"path": po})
                errors += 1
                continue
            report = check_catalog(lang, domain, po, _template(domain), contexts)
            if report.stats and not quiet:
                s = report.stats
                echo(_("%(lang)s/%(domain)s: %(translated)d translated, %(fuzzy)d fuzzy, "
                             "%(missing)d missing, %(obsolete)d obsolete")
                           % {"lang": lang, "domain": domain, "translated": s.translated,
                              "fuzzy": s.fuzzy, "missing": s.missing, "obsolete": s.obsolete})
            for finding in report.findings:
                if finding.level != INFO or not quiet:
                    echo(str(finding))
            errors += report.errors
            if lang in complete and (report.stats is None or report.stats.percent < 100):
                echo(_("%(path)s: error: %(lang)s must be 100%% translated")
                           % {"path": po, "lang": lang})
                errors += 1
    if errors:
        raise click.exceptions.Exit(1)


@locales.command("review")
@click.argument("lang")
@click.option("--deck", "deck_id", help="Only this deck's cards (default: every deck and "
                                        "the program's messages).")
@click.option("--out", "out", required=True, metavar="FILE.html",
              help="Where to write the sheet ('-': standard output).")
@pass_env
def review_sheet(env: Env, lang: str, deck_id: str | None, out: str) -> None:
    """Write a printable review sheet: English | French | LANG, with review marks."""
    from ccfacil.export.output import write_output
    from ccfacil.i18n import review_sheet as sheet

    registry = i18n.registry()
    if lang not in registry.locale_dirs():
        raise CcfacilError(_("no catalogs for '%(lang)s' (available: %(langs)s)")
                           % {"lang": lang, "langs": ", ".join(sorted(registry.locale_dirs()))})
    try:
        if deck_id is not None:
            decks, template = [env.library.load(deck_id)], None
        else:
            decks, _problems = env.library.load_all()
            template = read_catalog(_templates() / "ccfacil.pot")
        text = sheet.build(registry, lang, decks, template)
    except CatalogReadError as exc:
        raise CcfacilError(str(exc.problems[0])) from None
    path = write_output(text, out)
    if path is not None:
        echo(_("wrote %(path)s") % {"path": path})
