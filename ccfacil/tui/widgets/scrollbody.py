"""What a pop-up shows between its title and its key bar, scrolled when it does not fit.

``MoreSign`` is the line under it that says there is more below (or above): a
scroll bar alone is easy to miss, and the Linux console shows none.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ccfacil import console
from ccfacil.i18n.runtime import N_, _
from ccfacil.tui.widgets.keybar import key_label


def more_text(above: bool, below: bool, ascii_only: bool = False, keys: str = "↓") -> str:
    if below:
        text = "▼ " + _("more below (%(keys)s)") % {"keys": keys}
    elif above:
        text = "▲ " + _("more above")
    else:
        return ""
    return console.ascii_text(text) if ascii_only else text


class MoreSign(Static):
    """One line: empty, or "▼ more below (↓)" while its ``ScrollBody`` hides something
    (``ascii_only``, handed down by its screen: "v more below" on the Linux console)."""

    DEFAULT_CSS = """
    MoreSign { height: 1; color: $accent; text-style: bold; text-wrap: nowrap; }
    """

    def __init__(self, body_id: str, keys: str = "↓", collapse: bool = False,
                 ascii_only: bool = False, **kwargs):
        super().__init__("", markup=False, **kwargs)
        self.ascii_only = ascii_only
        self.body_id = body_id
        self.collapse = collapse  # takes no line while nothing is hidden
        self.keys = keys  # what scrolls there: the arrow, or Tab through the fields
        self.above = self.below = False

    def show(self, above: bool, below: bool) -> None:
        self.above, self.below = above, below
        self.retranslate()

    def retranslate(self) -> None:
        keys = key_label(self.keys, self.ascii_only)
        text = more_text(self.above, self.below, self.ascii_only, keys)
        self.update(text)
        if self.collapse:
            self.display = bool(text)

    def on_mount(self) -> None:
        from ccfacil.tui.appref import follow_language

        follow_language(self, self.retranslate)


class ScrollBody(VerticalScroll, can_focus=False):
    """Scrolls its content; focus moving into hidden parts scrolls them into view."""

    DEFAULT_CSS = """
    ScrollBody { height: auto; max-height: 100%; }
    """
    BINDINGS = [Binding("up", "scroll_up", N_("Scroll"), key_display="↑↓"),
                Binding("down", "scroll_down", N_("Scroll"), key_display="↑↓")]
    _scrolls = False  # has it something hidden to scroll to (the arrow keys work)?

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The arrow keys scroll (and the key bar says so) only while something is hidden."""
        if action in ("scroll_up", "scroll_down"):
            return self._scrolls
        return True

    def hidden(self) -> tuple[bool, bool]:
        """Is something hidden above, below?"""
        return self.scroll_y > 0.5, self.max_scroll_y - self.scroll_y > 0.5

    def _tell(self) -> None:
        if not self.is_attached:
            return
        above, below = self.hidden()
        if (above or below) != self._scrolls:
            self._scrolls = above or below
            self.refresh_bindings()
        for sign in self.screen.query(MoreSign):
            if sign.body_id == self.id:
                if sign.collapse and sign.display and self.max_scroll_y <= sign.size.height:
                    above = below = False  # it would all fit in the line the sign takes
                sign.show(above, below)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._tell()

    def on_resize(self, event: events.Resize) -> None:
        self._follow_focus()

    def watch_virtual_size(self) -> None:
        self.call_after_refresh(self._follow_focus)

    def _follow_focus(self) -> None:
        """The content grew or shrank (a row added, a message shown): keep the focused
        part in view, then say whether anything is hidden."""
        if not self.is_attached:
            return
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            to_cursor = getattr(focused, "scroll_cursor_into_view", None)
            if callable(to_cursor):
                to_cursor()
            else:
                self.scroll_to_widget(focused, animate=False, immediate=True)
        self._tell()

    def on_mount(self) -> None:
        self.call_after_refresh(self._tell)


def scroll_region_into_view(widget: Widget, top: int, height: int = 1) -> None:
    """Scroll the ancestors of ``widget`` so that its rows ``top``..``top+height`` (a
    list's cursor row, say) are on screen.

    Worked out in virtual coordinates, as Textual's own ``scroll_to_widget`` does, so
    that several moves in a row (keys typed fast) do not rely on a stale screen region.
    """
    from textual.geometry import Region

    if not widget.size:
        return
    base = widget.virtual_region
    region = Region(base.x, base.y + widget.styles.gutter.top + top, base.width,
                    max(1, height))
    node = widget
    while isinstance(node.parent, Widget):
        container = node.parent
        offset = container.scroll_to_region(region, animate=False, immediate=True)
        region = (region.translate(-offset)
                  .translate(container.styles.margin.top_left)
                  .translate(container.styles.border.spacing.top_left)
                  .translate(container.virtual_region_with_margin.offset))
        node = container
