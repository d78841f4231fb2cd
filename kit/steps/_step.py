"""What a workshop step is to the rest of the kit: its declaration (one typed contract per
step, exported as `STEP` by the step's package and named once in the registry), and the small
contracts its screens follow on the phone, the board and the facilitator app.

A step's screens, sheets and report section are given as loaders: functions of no argument
that import and return them. mypy checks what they return against the contracts below, and a
page still imports only what it shows (a phone never loads the board's or the facilitator's
code, nor pandas).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Protocol

from kit.core.model import Topic

if TYPE_CHECKING:
    import random

    import ipywidgets as w
    from sqlalchemy import Table
    from tornado.web import RequestHandler

    from kit.core.context import Context
    from kit.core.db import Branch, Tx
    from kit.core.live import Live
    from kit.core.model import Participant
    from kit.core.rows import Settings
    from kit.core.sheets import Rows, Sheet
    from kit.reports._blocks import Block, Section
    from kit.reports._xlsx import Sheet as XlSheet
    from kit.workshop import Workshop


class Screen(Protocol):
    """One step's part of a page: a widget tree, redrawn from the store by `refresh`."""

    root: w.Widget

    def refresh(self, topics: frozenset[Topic]) -> None: ...


class PhoneHost(Protocol):
    """What a phone screen gets from the participant page."""

    workshop: Workshop | None
    participant: Participant | None
    language: str

    def changed(self) -> None:
        """Call after the screen's own write: the page picks up that change (and any other
        since the last poll) at once, so the screen redraws once, not again on the next poll."""


class BoardHost(Protocol):
    """What a board screen gets from the board page."""

    workshop: Workshop
    language: str


class FacilitatorHost(Protocol):
    """What a facilitator panel gets from the facilitator app: the workshop (raises when
    none is open), the language, and `refresh` to call after its own writes."""

    language: str

    def need(self) -> Workshop: ...

    def refresh(self) -> None: ...


ScreenClass = Callable[[Any], "Screen"]
"""A screen's class (or any factory): called with its page, returns the screen."""

WorkbookPart = Callable[["Workshop", "Rows", str], "list[XlSheet]"]
"""A step's sheets in the report's workbook, from the workshop's exported rows (read once
for all steps), in a language: totals only, never a person's choice (the workbook is sent)."""

StoreClass = Callable[["Context", "Workshop"], object]
"""A step's store class: made with the workshop's context and handle, it holds the step's reads
and writes (`workshop.<name>`; `kit.workshop.Workshop` declares each one's type)."""

Carrier = Callable[["Tx", str, str], "tuple[Topic, ...]"]
"""A step's part in carrying a workshop over (`kit.carry`): copies, inside the transaction
that creates the next workshop (`target`), what of its tables that workshop takes over from
the one before (`source`); returns the topics it wrote."""

SummaryPart = Callable[["Workshop", str], "list[Block]"]
"""A step's lines in the report's one-page summary for a manager, in a language."""

DocumentsPart = Callable[["Workshop", str, str], "list[tuple[str, Callable[[], bytes]]]"]
"""A step's documents to send beside the report (`kit.reports.workshop.documents`): for a
workshop, a language and an agenda date ("" for none), each file's name and what writes it
(called later, so the missing facts are collected per file)."""

Routes = tuple[tuple[str, type["RequestHandler"]], ...]
"""A step's plain pages on the participant server (no kernel): each one's first path segment
and its Tornado handler, which gets the code or token that follows (`kit._voila_app`)."""

Filler = Callable[["Workshop", "list[Participant]", "random.Random"], int]
"""A step's rehearsal filler: gives the workshop's step the input the made-up participants
would give, as a room would; returns how many inputs it made."""


@dataclass(frozen=True)
class Step:
    """One step of the method as the apps, the report and the exchange format see it.

    `name` is also the phase stored for the workshop; `topics` are the changes its screens
    redraw for on the board and in the facilitator app, `phone_topics` on a phone (only what a
    phone shows of its own: 150 phones must not redraw for every dot in the room); `phone`,
    `board` and `facilitator` load its screens' classes, each taking its page as the only
    argument; `sheets` loads the exchange-format sheets it owns (declared in the step's
    `sheets.py`); `report` loads its section of the workshop report (see `kit.reports._blocks`);
    `workbook` loads its sheets of the report's workbook (`kit.reports._workbook`); `rehearse`
    loads what fills the step with made-up input in a rehearsal (`kit.steps.rehearse`); `stores`
    loads its stores by the attribute the workshop handle gives each (`workshop.prepare`,
    `workshop.invites`, ...). A hook left None is a part the step does not have; `carry` loads
    what copies its tables into a partnership's next workshop (`kit.carry`);
    `partnership_sheets` loads the sheets it owns in a partnership's exchange file
    (`kit.exchange_partnership`), for what outlives a workshop; `summary` loads its lines in the
    report's one-page summary (`kit.reports.workshop.summary_blocks`); `documents` loads the
    files it adds to the documents to send (a group's terms of reference, a forum's agenda);
    `routes` loads its plain pages on the participant server, answered without a kernel (the
    RSVP page);
    `settings` loads its settings tables, one row per workshop (issue 26: not the core's
    `workshops` row), which the workshop handle reads with the workshop's state; `tables` loads
    the tables the step declares in its folder (on the shared `kit.core.schema.metadata`, each
    with a foreign key to `workshops` ON DELETE CASCADE, so a purge and an import find them),
    and `migrations` is the Alembic branch in its folder that creates them
    (`kit.core.db.Branch`: not a loader, as opening a store reads its head before anything is
    imported). The kit's own steps declare theirs in their folders too; the core's branch
    migrated them, from before steps had branches, so none of them has one.

    A step's own words and CSS are not named here: they are files in its folder
    (`i18n/<language>.json`, `style.css`), gathered by folder at load (`kit._step_files`),
    because the catalogs sit below the core and must not import the registry."""

    name: str
    topics: frozenset[Topic] = frozenset()
    phone_topics: frozenset[Topic] = frozenset()
    phone: Callable[[], ScreenClass] | None = None
    board: Callable[[], ScreenClass] | None = None
    facilitator: Callable[[], ScreenClass] | None = None
    sheets: Callable[[], tuple[Sheet, ...]] | None = None
    report: Callable[[], Section] | None = None
    workbook: Callable[[], WorkbookPart] | None = None
    rehearse: Callable[[], Filler] | None = None
    stores: Callable[[], dict[str, StoreClass]] | None = None
    carry: Callable[[], Carrier] | None = None
    partnership_sheets: Callable[[], tuple[Sheet, ...]] | None = None
    summary: Callable[[], SummaryPart] | None = None
    documents: Callable[[], DocumentsPart] | None = None
    routes: Callable[[], Routes] | None = None
    settings: Callable[[], tuple[Settings[Any], ...]] | None = None
    tables: Callable[[], tuple[Table, ...]] | None = None
    migrations: Branch | None = None

    def screen(self, where: str, host: object) -> Screen | None:
        """A new screen of this step for `where` ("phone", "board", "facilitator")."""
        loader: Callable[[], ScreenClass] | None = getattr(self, where)
        return None if loader is None else loader()(host)

    def sheet_declarations(self) -> tuple[Sheet, ...]:
        """The exchange-format sheets this step owns, in the order the step gives them."""
        return () if self.sheets is None else self.sheets()

    def section(self) -> Section | None:
        """Its section of the workshop report, or None when it has none."""
        return None if self.report is None else self.report()

    def empty_hooks(self) -> frozenset[str]:
        """The parts this step leaves out (a test pins them: leaving one out is a choice)."""
        return frozenset(f.name for f in fields(self)
                         if f.name in HOOKS and getattr(self, f.name) is None)


HOOKS = ("phone", "board", "facilitator", "sheets", "report", "workbook", "rehearse", "stores",
         "carry", "partnership_sheets", "summary", "documents", "routes", "settings", "tables")
"""The parts a step may have, each a loader on `Step`."""


class Screens:
    """The screens one page has of every step for `where` ("phone", "board", "facilitator"):
    each made the first time its step is shown and kept, so what someone typed survives a
    step change; and redrawn only while its step is the current one.

    The three apps share this instead of each keeping a cache and a guard of its own."""

    def __init__(self, steps: tuple[Step, ...], where: str, host: object) -> None:
        self.steps = steps
        self.where = where
        self.host = host
        self.made: dict[str, Screen] = {}

    def __getitem__(self, name: str) -> Screen:
        return self.made[name]

    def __contains__(self, name: object) -> bool:
        return name in self.made

    def get(self, name: str) -> Screen | None:
        """The screen of the step called `name`, made now if it is the first time."""
        if name not in self.made:
            found = next((s for s in self.steps if s.name == name), None)
            made = None if found is None else found.screen(self.where, self.host)
            if made is None:
                return None
            self.made[name] = made
        return self.made[name]

    def listen(self, live: Live, current: Callable[[], str | None],
               redraw: Callable[[str, frozenset[Topic]], None] | None = None,
               participant: str | None = None) -> None:
        """Redraw the current step's screen when one of its topics changes (a phone listens
        to its narrower `phone_topics`, and with `participant` only to changes everyone sees
        or that touched that participant's own rows). `redraw` replaces the plain `refresh`
        of the screen when the page draws more around it."""
        for each in self.steps:
            if getattr(each, self.where) is None:
                continue
            topics = each.phone_topics if self.where == "phone" else each.topics
            live.on(topics, self._handler(each.name, current, redraw), participant)

    def _handler(self, name: str, current: Callable[[], str | None],
                 redraw: Callable[[str, frozenset[Topic]], None] | None,
                 ) -> Callable[[frozenset[Topic]], None]:
        def changed(topics: frozenset[Topic]) -> None:
            if current() != name:
                return
            if redraw is not None:
                redraw(name, topics)
            elif name in self.made:
                self.made[name].refresh(topics)
        return changed
