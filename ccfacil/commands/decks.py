"""``ccfacil decks list``, ``ccfacil decks check`` and ``ccfacil decks print``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ccfacil.cards.deck import DECK_FILE, Deck, localized, translatable_texts
from ccfacil.cards.deckfile import check_deck
from ccfacil.cards.guide import STEPS
from ccfacil.clienv import Env, pass_env
from ccfacil.commands.echo import echo, echo_json
from ccfacil.commands.export import _language, output_language
from ccfacil.errors import UsageProblem
from ccfacil.export import write_output
from ccfacil.i18n import fmt as format_
from ccfacil.i18n import runtime as i18n
from ccfacil.i18n.runtime import _, ngettext
from ccfacil.printing.layout import GRIDS, PAPERS

if TYPE_CHECKING:
    from ccfacil.printing import deckhtml


@click.group("decks")
def decks() -> None:
    """List and check discussion decks."""


def complete_languages(deck: Deck) -> list[str]:
    """Languages that translate every text of the deck themselves (no fallback)."""
    registry = i18n.registry()
    items = [(context, text) for context, text, _note in translatable_texts(deck)]
    done = []
    for lang in registry.languages():
        translated, total = registry.coverage(lang, "cards", items)
        if lang == deck.source_language or translated == total:
            done.append(lang)
    return done


@decks.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@pass_env
def list_decks(env: Env, fmt: str) -> None:
    """Every deck found, with its cards per domain and complete languages."""
    found, problems = env.library.load_all()
    for problem in problems:
        echo(_("warning: deck skipped: %(problem)s") % {"problem": problem}, err=True)
    rows = []
    for deck in found:
        local = localized(deck)
        rows.append({
            "id": deck.id,
            "title": local.title,
            "version": deck.version,
            "cards": len(deck.cards),
            "domains": [
                {"id": d.id, "title": d.title, "cards": len(deck.cards_in(d.id))}
                for d in local.domains
            ],
            "languages": complete_languages(deck),
            "path": str(deck.path.parent if deck.path else ""),
        })
    if fmt == "json":
        echo_json(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        echo(_("No decks found."))
    for row in rows:
        count = ngettext("%(num)d card", "%(num)d cards", row["cards"]) % {"num": row["cards"]}
        echo(f"{row['id']}  {row['title']}  ({count})")
        echo("  " + " · ".join(format_.labelled(d["title"], d["cards"])
                               for d in row["domains"]))
        echo("  " + _("Complete in: %(languages)s") % {"languages": ", ".join(row["languages"])})


def _deck_targets(path: Path) -> list[Path]:
    """A deck file, a deck folder, or a folder of deck folders."""
    if path.is_dir() and not (path / DECK_FILE).is_file():
        found = sorted(p.parent for p in path.glob(f"*/{DECK_FILE}"))
        return found or [path]
    return [path]


@decks.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check_decks(paths: tuple[Path, ...]) -> None:
    """Validate deck folders or deck.toml files: one line per problem, exit 1 if any."""
    bad = 0
    for target in (t for p in paths for t in _deck_targets(p)):
        deck, problems = check_deck(target)
        for problem in problems:
            echo(str(problem))
        if problems:
            bad += 1
        elif deck is not None:
            count = ngettext("%(num)d card", "%(num)d cards", len(deck.cards)) % {
                "num": len(deck.cards)}
            echo(_("%(path)s: ok, %(count)s") % {"path": deck.path, "count": count})
    if bad:
        raise click.exceptions.Exit(1)


def _referral(env: Env, site: str) -> str | None:
    """The site's referral text for the guide page (None: none set)."""
    from ccfacil.storage.referral import load_referral

    return load_referral(env.data_dir, site)


@decks.command("print")
@click.option("--deck", "deck_id", metavar="ID", help="Deck id (default: courage).")
@click.option("--lang", callback=_language, metavar="LL",
              help="Language of the cards (default: the global --lang).")
@click.option("--domain", "domains", multiple=True, metavar="D",
              help="Only this domain (repeatable).")
@click.option("--paper", type=click.Choice(sorted(PAPERS)), default="a4", show_default=True,
              help="Paper size.")
@click.option("--per-page", type=click.Choice([str(n) for n in sorted(GRIDS, reverse=True)]),
              default="6", show_default=True, help="Cards per sheet.")
@click.option("--out", type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
              default="-", show_default=True, help="File to write ('-': standard output).")
@pass_env
def print_deck(env: Env, deck_id: str | None, lang: str | None, domains: tuple[str, ...],
               paper: str, per_page: str, out: str) -> None:
    """A deck as one HTML file to print on both sides and cut into cards.

    Questions on the fronts, advice and affirmations on the backs, a guide page first.
    Text too long for a card is set smaller (and said); exit 1 if some is still too long.
    """
    from ccfacil.printing import deckhtml  # only for printing

    source = env.library.load(deck_id)
    unknown = sorted(set(domains) - set(source.domain_ids))
    if unknown:
        raise UsageProblem(_("unknown domain: %(domains)s (known: %(known)s)") % {
            "domains": ", ".join(unknown), "known": ", ".join(source.domain_ids)})
    referral = _referral(env, env.remembered_site())
    with output_language(lang):
        registry, language = i18n.registry(), i18n.current_language()
        deck = localized(source)
        cards = [c for c in deck.cards if not domains or c.domain in domains]
        if not cards:
            raise UsageProblem(_("the deck has no cards in the chosen domains"))
        catalog = registry.load(language, "cards")
        status = deckhtml.review_status(catalog.header.get("X-Review-Status") if catalog
                                        else None, language, deck.source_language)
        printed = deckhtml.render(
            deck, cards, paper=paper, per_page=int(per_page), lang=language,
            small_print=deckhtml.small_print(deck, registry.language_name(language), status),
            steps=[_(step) for step in STEPS], referral=referral)
    text_file = (deck.path if language == deck.source_language
                 else registry.po_path(language, "cards") or deck.path)
    _tell_fits(printed, deck, text_file)
    written = write_output(printed.html, out)
    if written is not None:
        echo(str(written), err=True)
    if printed.too_long or not printed.guide_fits:
        raise click.exceptions.Exit(1)


def _tell_fits(printed: deckhtml.PrintedDeck, deck: Deck, text_file: Path | None) -> None:
    """One line on standard error per side set smaller or too long, then a summary."""
    def side(found: deckhtml.Side) -> str:
        # Translators: the side of a printed card, as in "courage/self-01 (back)"
        where = _("back") if found.back else _("front")
        return f"{deck.id}/{found.card.id} ({where})"

    for found in printed.shrunk:
        echo(_("note: %(card)s: text set smaller to fit, %(size)s pt instead of "
                     "%(usual)s pt") % {"card": side(found), "size": f"{found.fit.size:g}",
                                        "usual": f"{found.fit.usual:g}"}, err=True)
    for found in printed.too_long:
        echo(_("warning: %(card)s: text too long for a card even at %(size)s pt: it "
                     "runs over the edge; shorten it in %(path)s") % {
            "card": side(found), "size": f"{found.fit.size:g}", "path": text_file}, err=True)
    if not printed.guide_fits:
        echo(_("warning: the guide page is too long for one sheet: it runs over"),
                   err=True)
    cards = len(printed.sides) // 2
    echo(", ".join([
        ngettext("%(num)d card", "%(num)d cards", cards) % {"num": cards},
        ngettext("%(num)d page", "%(num)d pages", printed.pages) % {"num": printed.pages},
        ngettext("%(num)d side set smaller", "%(num)d sides set smaller",
                 len(printed.shrunk)) % {"num": len(printed.shrunk)},
        ngettext("%(num)d too long", "%(num)d too long",
                 len(printed.too_long)) % {"num": len(printed.too_long)},
    ]), err=True)
