"""A participant's own delete on a phone, with a moment to take it back.

One stray tap used to lose a note or a card for good. Now the thing disappears from the
phone at once, "Deleted. [Undo]" shows above the list, and only when the seconds are up (or
the next delete starts) does the store delete it. The phone also remembers what it deleted
itself, so it can tell its own deletes from the facilitator's.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import ipywidgets as w

from kit.core.errors import KitError
from kit.i18n import t
from kit.ui._common import html_text, set_html_text

UNDO_SECONDS = 8.0
"""How long a deleted note or card can be brought back before the delete is stored."""


def later(seconds: float, action: Callable[[], None]) -> None:
    """Run `action` after `seconds`: on the kernel's event loop, where widgets may be touched
    (a thread's widget messages can be lost under ipykernel 7); without a loop (unit tests)
    on a timer thread."""
    try:
        asyncio.get_running_loop().call_later(seconds, action)
    except RuntimeError:
        timer = threading.Timer(seconds, action)
        timer.daemon = True
        timer.start()


class PendingDelete:
    """One delete at a time waiting beside its Undo button (`bar`, placed by `place`).

    `store_delete(key)` deletes for real; `redraw()` shows the list again (without `pending`);
    `failed(error)` says why a delete did not happen (the step closed meanwhile)."""

    def __init__(self, words: str, store_delete: Callable[[str], None],
                 redraw: Callable[[], None], failed: Callable[[KitError], None],
                 seconds: float = UNDO_SECONDS) -> None:
        self.key_words = words
        self.store_delete, self.redraw, self.failed = store_delete, redraw, failed
        self.seconds = seconds
        self.pending: str | None = None
        self.deleted_here: set[str] = set()
        self.words = html_text("", "kit-muted")
        self.undo = w.Button(layout=w.Layout(width="auto"))
        self.undo.on_click(lambda _: self.cancel())
        self.bar = w.HBox([self.words, self.undo])
        self.bar.add_class("kit-undo")
        self.bar.layout.display = "none"

    def place(self, box: w.Box, before: w.Widget) -> None:
        """Show the bar in `box` just above `before` (the list the thing disappeared from)."""
        children = [c for c in box.children if c is not self.bar]
        at = children.index(before) if before in children else len(children)
        box.children = (*children[:at], self.bar, *children[at:])

    def start(self, key: str) -> None:
        """Hide `key` and offer Undo; an earlier delete still waiting is stored now."""
        if self.pending is not None:
            self.commit()
        self.pending = key
        self.redraw()
        later(self.seconds, lambda: self.commit(key))

    def cancel(self) -> None:
        """Undo: nothing was deleted."""
        self.pending = None
        self.redraw()

    def commit(self, key: str | None = None) -> None:
        """Store the waiting delete (given `key`: only if that one still waits)."""
        waiting = self.pending
        if waiting is None or (key is not None and key != waiting):
            return
        self.pending = None
        self.deleted_here.add(waiting)
        try:
            self.store_delete(waiting)
        except KitError as exc:
            self.failed(exc)
        self.redraw()

    def render(self, language: str, present: set[str]) -> None:
        """The bar's words in `language`, shown while the waiting thing still exists."""
        set_html_text(self.words, t(self.key_words, language), "kit-muted")
        self.undo.description = t("common.undo", language)
        self.bar.layout.display = None if self.pending in present else "none"

    def removed_elsewhere(self, before: set[str], now: set[str]) -> set[str]:
        """What was shown `before` and is gone `now` without this phone deleting it."""
        return {k for k in before - now if k not in self.deleted_here and k != self.pending}
