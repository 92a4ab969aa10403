"""``e``: the note for this card (or the session), and the strategies and themes raised."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, TextArea

from ccfacil.cards import tags
from ccfacil.cards.cardname import card_name
from ccfacil.i18n.runtime import N_, _
from ccfacil.sessions import privacy
from ccfacil.sessions.editing import clean_tag as tags_clean
from ccfacil.sessions.runner import SessionRun
from ccfacil.tui.screens.confirm import ConfirmScreen
from ccfacil.tui.screens.dialog import Dialog
from ccfacil.tui.widgets.field import TextField
from ccfacil.tui.widgets.keybar import KeyBar
from ccfacil.tui.widgets.picklist import PickList
from ccfacil.tui.widgets.scrollbody import MoreSign, ScrollBody

# Translators: %(problem)s says what was found (a phone number, a name...) and why
PRIVACY = N_("%(problem)s Save this note anyway?")
PRIVACY_TAG = N_("%(problem)s Add this tag anyway?")


def _items(source: dict[str, str], extra: list[str]):
    items = [(tag, lambda t=tag: tags.label(t)) for tag in source]
    items += [(tag, lambda t=tag: t) for tag in extra if tag not in source]
    return items


class NotesScreen(Dialog[None]):
    BINDINGS = [
        Binding("tab", "app.focus_next", N_("Next part")),  # the app's Tab, said here
        Binding("enter", "add_tag", N_("Add the tag typed")),  # the field takes it first
        Binding("escape", "close", N_("Save and close")),
    ]

    def __init__(self, run: SessionRun):
        super().__init__()
        self.run = run
        card = run.card_record()
        self.card = card
        self.initial = card.note if card is not None else run.record.notes

    def compose(self) -> ComposeResult:
        record = self.run.record
        with Vertical(id="notes-box"):
            yield Static("", id="notes-title", classes="box-head", markup=False)
            with ScrollBody(id="notes-body"):
                yield from self._body(record)
            with Vertical(classes="box-foot"):
                yield MoreSign("notes-body", "tab", ascii_only=self.ascii_only)
                yield KeyBar(self.ascii_only, id="notes-keybar")

    def _body(self, record) -> ComposeResult:
        yield TextArea(self.initial, id="notes-text", soft_wrap=True)
        with Horizontal(id="notes-tags"):
            with Vertical():
                yield Static("", id="strategies-title", markup=False)
                yield PickList(_items(tags.STRATEGIES, record.strategies),
                               record.strategies, id="strategies")
                yield TextField("", id="strategy-new", max_length=40)
            with Vertical():
                yield Static("", id="themes-title", markup=False)
                yield PickList(_items(tags.THEMES, record.themes), record.themes,
                               id="themes")
                yield TextField("", id="theme-new", max_length=40)
        yield Static("", id="notes-privacy", markup=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter adds a tag only from a tag field (in the note it starts a new line)."""
        return action != "add_tag" or isinstance(self.focused, TextField)

    def action_add_tag(self) -> None:
        if isinstance(self.focused, TextField):
            self.focused.action_submit()

    def retranslate(self) -> None:
        if self.card is not None:
            deck = self.app.ctx.localized_deck(self.run.deck.id)
            title = _("Note for the card “%(card)s” (%(domain)s)") % {
                "card": card_name(deck, self.card.card_id, 50),
                "domain": deck.domain(self.card.domain).title}
        else:
            title = _("Note for the session")
        self.query_one("#notes-title", Static).update(title)
        self.query_one("#strategies-title", Static).update(_("Coping strategies"))
        self.query_one("#themes-title", Static).update(_("Themes"))
        self.query_one("#notes-privacy", Static).update(_(
            "No names, phone numbers or details that could identify anyone. "
            "Everything is saved as you go."))
        for picklist in self.query(PickList):
            picklist.refresh()

    def _save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        self.run.set_note(text, self.card.card_id if self.card is not None else None)

    @on(TextArea.Changed)
    def typed(self) -> None:
        """Autosave as the note is typed, except what may identify somebody (a phone
        number or a name, even half typed, an e-mail address): that waits for Esc and a yes;
        what was saved before stays saved."""
        text = self.query_one(TextArea).text
        if not privacy.check(text) and not privacy.typing(text):
            self._save()

    @on(PickList.Toggled)
    def toggled(self, event: PickList.Toggled) -> None:
        self.run.set_tag(event.picklist.id, event.value, event.on)

    @on(TextField.Submitted)
    def add_tag(self, event: TextField.Submitted) -> None:
        field = event.field
        found = privacy.check(" ".join(event.value.split()))
        if not found:
            self._add_tag(field)
            return
        self.app.push_screen(ConfirmScreen(PRIVACY_TAG, {"problem": found.message()}),
                             lambda yes: self._add_tag(field) if yes else field.focus())

    def _add_tag(self, field: TextField) -> None:
        tag = tags_clean(field.value)
        if not tag:
            return
        kind = "strategies" if field.id == "strategy-new" else "themes"
        self.run.set_tag(kind, tag)
        picklist = self.query_one(f"#{kind}", PickList)
        picklist.chosen.add(tag)
        picklist.set_items(_items(tags.STRATEGIES if kind == "strategies" else tags.THEMES,
                                  getattr(self.run.record, kind)))
        field.value = ""

    def action_close(self) -> None:
        found = privacy.check(self.query_one(TextArea).text)
        if not found:
            self._save()
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._save()
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(PRIVACY, {"problem": found.message()}), answered)
