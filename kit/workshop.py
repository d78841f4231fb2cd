"""The workshop handle: a live handle on one workshop, every read and write the apps,
notebooks and CLI make of it. It sits above the core (which knows no step) and the steps,
and composes them.

Participant actions need only the handle; facilitator actions need the handle to carry the
workshop's facilitator key. Each write is one transaction that also bumps the workshop's
revision and records which topics changed, which is how the other kernels learn what to
refresh. The handle keeps what belongs to the whole workshop (participants, phase, timer,
export) and composes the steps' stores, each step's `stores` hook in the registry's order:
`workshop.prepare`, `.timeline`, `.needs`, `.ideas`, `.voting`, `.groups`, `.ground_rules`,
`.follow_up`: a step's actions are there and only there (the README's one way to do each
thing). `add_idea`, `add_theme` and `vote` stay on the handle under the names the exchange
contract gave them, for scripts written against it; the kit writes through the stores. The
store of all workshops (`Store`, `open_store`) is `kit.store`.
"""

from __future__ import annotations

import time
from functools import cache
from typing import TYPE_CHECKING, Any

from kit import steps
from kit.core import errors
from kit.core.base import (
    REJOIN_LENGTH,
    ParticipantRef,
    _clean_date,
    _participant_id,
    bump,
    new_code,
    new_id,
    normalise_code,
    same_secret,
)
from kit.core.context import Context, StepStore
from kit.core.db import Database, Tx
from kit.core.model import (
    MAX_LABEL,
    MAX_NAME,
    MAX_ORGANISATION,
    MAX_TERMS,
    MAX_TITLE,
    TRANSLATED_FIELDS,
    Change,
    Participant,
    Prompt,
    Sector,
    Status,
    Topic,
    Translation,
    WorkshopState,
)
from kit.core.rows import Settings, Table
from kit.core.validate import clean_language, clean_name, clean_sector, clean_text
from kit.steps.ground_rules import topics as ground_rules_topics
from kit.steps.groups import topics as groups_topics
from kit.steps.ideas import topics as ideas_topics
from kit.steps.ideas.errors import UnknownTheme

if TYPE_CHECKING:
    import pandas as pd

    from kit.core.sheets import Rows
    from kit.partnership import Partnership
    from kit.steps.follow_up.store import FollowUpStore
    from kit.steps.ground_rules.store import GroundRulesStore
    from kit.steps.groups.store import GroupsStore
    from kit.steps.ideas.model import Idea, Theme
    from kit.steps.ideas.store import IdeasStore
    from kit.steps.needs.store import NeedsStore
    from kit.steps.prepare.invites import InvitesStore
    from kit.steps.prepare.store import PrepareStore
    from kit.steps.timeline.store import TimelineStore
    from kit.steps.voting.store import VotingStore
    from kit.store import Store

REOPEN_DAYS = 30
"""How long after closing the facilitator may reopen a workshop (`Workshop.reopen`)."""

BOARD_FOCI = ("", "timer", "results")
"""What the board can put in focus besides a theme ("theme:<id>")."""

WORKSHOPS: Table[WorkshopState] = Table(
    "workshops", WorkshopState, owned=False,
    # the steps' settings the state shows are their tables' (issue 26), read with the row
    not_stored=tuple(c for table in steps.settings() for c in table.columns
                     if c in WorkshopState.__dataclass_fields__))
SHOWN_SETTINGS: tuple[Settings[Any], ...] = tuple(
    table for table in steps.settings() if set(table.columns) & set(WORKSHOPS.not_stored))
"""The steps' settings tables the workshop's state shows some of."""
PARTICIPANTS: Table[Participant] = Table("participants", Participant)
TRANSLATIONS: Table[Translation] = Table("translations", Translation)


@cache
def _states_sql() -> tuple[str, tuple[tuple[Settings[Any], str], ...]]:
    """A query of workshops' states: each workshop's row with the steps' settings its state
    shows (`SHOWN_SETTINGS`; a step's row is missing until its first change); `{where}`
    filters and orders. With each settings table, the column that says its row was made."""
    shown, joins, tables = ["w.*"], [], []
    for n, table in enumerate(SHOWN_SETTINGS):
        alias = f"s{n}"
        shown += [f"{alias}.workshop_id AS {alias}_made", *(f"{alias}.{c}" for c in table.columns)]
        joins.append(f"LEFT JOIN {table.name} {alias} ON {alias}.workshop_id = w.id")
        tables.append((table, f"{alias}_made"))
    return (f"SELECT {', '.join(shown)} FROM workshops w {' '.join(joins)} {{where}}",
            tuple(tables))


def read_states(db: Database, where: str, params: dict[str, Any]) -> list[WorkshopState]:
    """The states of the workshops `where` (an SQL clause on `w`, the workshops' table, with
    any ORDER BY) selects: each with the steps' settings it shows, at their defaults where
    a step has not been set yet."""
    sql, tables = _states_sql()
    out = []
    for row in db.read(sql.format(where=where), params):
        shown: dict[str, Any] = {}
        for table, made in tables:
            settings = table.defaults if row[made] is None else table.load(row)
            shown.update({c: getattr(settings, c) for c in table.columns
                          if c in WORKSHOPS.not_stored})
        out.append(WORKSHOPS.load(row, **shown))
    return out


def _unique_rejoin(used: set[str]) -> str:
    while True:
        code = new_code(REJOIN_LENGTH)
        if code not in used:
            used.add(code)
            return code


class Workshop:
    """A live handle on one workshop in a store; cheap to create, safe to keep.

    Each step's operations are on its store: `workshop.timeline.add_card(...)`,
    `workshop.ideas.rename_theme(...)`, `workshop.groups.form_groups()`; `workshop.ideas()`
    and `workshop.groups()` list the notes and the groups."""

    if TYPE_CHECKING:
        prepare: PrepareStore
        invites: InvitesStore
        timeline: TimelineStore
        ideas: IdeasStore
        voting: VotingStore
        groups: GroupsStore
        follow_up: FollowUpStore
        needs: NeedsStore
        ground_rules: GroundRulesStore

    def __init__(self, store: Store, workshop_id: str, code: str, key: str | None) -> None:
        self.store = store
        self.id = workshop_id
        self.code = code
        self.facilitator_key = key
        self.ctx = Context(store.db, workshop_id, code, key)
        for name, step_store in steps.stores().items():  # read now: a test may swap it
            setattr(self, name, step_store(self.ctx, self))

    def __repr__(self) -> str:
        return f"<Workshop {self.code} id={self.id}>"

    def step_stores(self) -> tuple[StepStore, ...]:
        """Every step's store, in the order of the method: where a store finds the steps
        that declare a hook it asks (`kit.steps.ideas.store.RestsOnThemes`)."""
        return tuple(getattr(self, name) for name in steps.stores())

    @property
    def _db(self) -> Database:
        return self.store.db

    # -- reading ----------------------------------------------------------------------
    def state(self) -> WorkshopState:
        """The workshop's settings and progress; its phase is one of the registry's steps
        (a phase the registry lacks, stored by a kit with another step, is refused with
        InvalidValue rather than drawn as no step at all; `set_phase` moves it on)."""
        from kit import steps  # the registry, read now (a test may swap it)

        found = read_states(self._db, "WHERE w.id = :w", {"w": self.id})
        if not found:
            raise errors.UnknownWorkshop(code=self.code)
        if steps.step(found[0].phase) is None:
            raise errors.InvalidValue(field="phase", value=found[0].phase[:40])
        return found[0]

    @property
    def partnership(self) -> Partnership:
        """The partnership this workshop is an event in. A facilitator's handle gives the
        coordinator's (whoever may run the day may keep its partnership going)."""
        from kit.partnership import Partnership

        rows = self._db.read("SELECT w.partnership_id, w.facilitator_key, p.coordinator_key "
                             "FROM workshops w JOIN partnerships p ON p.id = w.partnership_id "
                             "WHERE w.id = :w", {"w": self.id})
        if not rows:
            raise errors.UnknownWorkshop(code=self.code)
        row = rows[0]
        key = row["coordinator_key"] if self.facilitator_key is not None and same_secret(
            self.facilitator_key, row["facilitator_key"]) else None
        return Partnership(self.store, row["partnership_id"], key)

    def previous(self) -> Workshop | None:
        """The partnership's workshop before this one (the one it built on, `kit.carry`),
        as a read-only handle; None for a partnership's first."""
        from kit.carry import PREVIOUS

        rows = self._db.read(PREVIOUS, {"w": self.id})
        return Workshop(self.store, rows[0]["id"], rows[0]["code"], None) if rows else None

    @property
    def public_code(self) -> str:
        """The read-only code of the public pages (overview, poster, needs check): its
        partnership's, so it stays from one workshop to the next; it opens nothing else."""
        rows = self._db.read("SELECT p.public_code FROM workshops w JOIN partnerships p ON "
                             "p.id = w.partnership_id WHERE w.id = :w", {"w": self.id})
        if not rows:
            raise errors.UnknownWorkshop(code=self.code)
        return str(rows[0]["public_code"])

    def revision(self) -> int:
        rows = self._db.read("SELECT revision FROM workshops WHERE id = :w", {"w": self.id})
        if not rows:
            raise errors.UnknownWorkshop(code=self.code)
        return int(rows[0]["revision"])

    def changes_since(self, revision: int) -> Change:
        """The current revision and the topics written after `revision`."""
        current = self.revision()
        if current == revision:
            return Change(current, frozenset())
        rows = self._db.read("SELECT DISTINCT topic, participant_id FROM changes WHERE "
                             "workshop_id = :w AND revision > :r", {"w": self.id, "r": revision})
        # A topic this version does not know (written by a newer kit) refreshes nothing here.
        known = Topic.declared()
        owners: dict[Topic, set[str]] = {}
        shared: set[Topic] = set()
        for r in rows:
            if r["topic"] not in known:
                continue
            topic = Topic(r["topic"])
            if r["participant_id"] is None:
                shared.add(topic)
            else:
                owners.setdefault(topic, set()).add(r["participant_id"])
        return Change(current, frozenset(shared | set(owners)),
                      {t: frozenset(p) for t, p in owners.items() if t not in shared})

    def participants(self) -> list[Participant]:
        rows = self._db.read("SELECT * FROM participants WHERE workshop_id = :w ORDER BY "
                             "created_at, id", {"w": self.id})
        return [PARTICIPANTS.load(r) for r in rows]

    def sector_counts(self) -> dict[Sector, int]:
        rows = self._db.read("SELECT sector, COUNT(*) AS n FROM participants WHERE "
                             "workshop_id = :w GROUP BY sector", {"w": self.id})
        counts = {s: 0 for s in Sector}
        counts.update({Sector(r["sector"]): r["n"] for r in rows})
        return counts

    def participant(self, participant_id: str) -> Participant:
        rows = self._db.read("SELECT * FROM participants WHERE workshop_id = :w AND id = :p",
                             {"w": self.id, "p": str(participant_id)})
        if not rows:
            raise errors.UnknownParticipant()
        return PARTICIPANTS.load(rows[0])

    def rejoin(self, rejoin_code: str) -> Participant:
        """The participant whose personal code this is (typed, linked or remembered)."""
        code = normalise_code(rejoin_code)
        if code and self.state().status != Status.OPEN:
            # A personal code is a way into the live workshop: it ends when the workshop does.
            raise errors.WorkshopClosed(code=self.code)
        rows = self._db.read("SELECT * FROM participants WHERE workshop_id = :w AND "
                             "rejoin_code = :c", {"w": self.id, "c": code}) if code else []
        if not rows:
            raise errors.UnknownParticipant()
        return PARTICIPANTS.load(rows[0])

    # -- participant actions ----------------------------------------------------------
    def join(self, name: str, sector: Sector | str, organisation: str = "",
             language: str | None = None) -> Participant:
        """Add a participant; only name, sector and an optional organisation are asked."""
        name = clean_name(name)
        sector = clean_sector(sector)
        organisation = clean_text(organisation, field="organisation",
                                  max_length=MAX_ORGANISATION, required=False)
        if language is not None:
            language = clean_language(language)

        def work(tx: Tx) -> Participant:
            head = self.ctx.open_check(tx)
            used = {r["rejoin_code"] for r in tx.rows(
                "SELECT rejoin_code FROM participants WHERE workshop_id = :w", {"w": self.id})}
            p = Participant(new_id("p"), name, sector, organisation,
                            language or head["language"], _unique_rejoin(used))
            tx.run(PARTICIPANTS.insert("created_at"),
                   PARTICIPANTS.values(p, self.id, created_at=time.time()))
            bump(tx, self.id, Topic.PARTICIPANTS)
            return p

        return self._db.write(work)

    def set_language(self, participant: ParticipantRef, language: str) -> None:
        """Remember the language a participant picked, so a reload keeps it."""
        language = clean_language(language)
        self._db.write(lambda tx: tx.run(
            "UPDATE participants SET language = :l WHERE workshop_id = :w AND id = :p",
            {"l": language, "w": self.id, "p": _participant_id(participant)}))

    # -- the exchange contract's names for three step calls (the way is the step's store) --
    def add_idea(self, participant: ParticipantRef, text: str,
                 prompt: Prompt | str = Prompt.UDFORDRING) -> Idea:
        """`ideas.add_idea` under the exchange contract's name: a participant's note."""
        return self.ideas.add_idea(participant, text, prompt)

    def add_theme(self, label: str) -> Theme:
        """`ideas.add_theme` under the exchange contract's name: a theme, facilitator only."""
        return self.ideas.add_theme(label)

    def vote(self, participant: ParticipantRef, theme_id: str, dots: int = 1) -> int:
        """`voting.vote` under the exchange contract's name: place dots, get the dots left
        (taking dots back is `voting.unvote`)."""
        return self.voting.vote(participant, theme_id, dots)

    # -- translations of what the facilitator wrote (issue 17) ---------------------------
    def translations(self) -> list[Translation]:
        """Every translation of a theme's label or a group's name, purpose or first meeting
        (also in `frames()["translations"]`)."""
        rows = self._db.read("SELECT * FROM translations WHERE workshop_id = :w "
                             "ORDER BY item_id, field, language", {"w": self.id})
        return [TRANSLATIONS.load(r) for r in rows]

    def translated(self, language: str) -> dict[tuple[str, str], str]:
        """The translations into `language`: (item id, field) → text, for the screens."""
        rows = self._db.read("SELECT item_id, field, text FROM translations WHERE "
                             "workshop_id = :w AND language = :l",
                             {"w": self.id, "l": str(language)})
        return {(r["item_id"], r["field"]): r["text"] for r in rows}

    def set_translation(self, item_id: str, language: str, text: str,
                        field: str = "label") -> None:
        """The text a theme, group, ground-rule task or house rule (`item_id`) shows on
        phones in `language`: its label, name, title or rule (`field="label"`), or a group's
        `purpose` or `first_meeting`. An empty text takes the translation away (phones show
        the Danish text with the area's name)."""
        language = clean_language(language)
        if field not in TRANSLATED_FIELDS:
            raise errors.InvalidValue(field="field", value=str(field)[:40])
        longest = MAX_LABEL if field == "label" else MAX_TERMS
        text = clean_text(text, field=field, max_length=longest, required=False,
                          multiline=field != "label")
        item_id = str(item_id)

        from kit.exchange import DECLARED  # the sheets (and tables) steps let be translated

        labelled = tuple(s.table_name for s in DECLARED if s.translated)

        def work(tx: Tx) -> None:
            tables = ("groups",) if field != "label" else labelled
            if not any(tx.one(f"SELECT 1 AS x FROM {table} WHERE workshop_id = :w AND id = :i",
                              {"w": self.id, "i": item_id}) for table in tables):
                raise errors.InvalidValue(field="item_id", value=item_id[:40])
            key = {"w": self.id, "i": item_id, "f": field, "l": language}
            tx.run("DELETE FROM translations WHERE workshop_id = :w AND item_id = :i AND "
                   "field = :f AND language = :l", key)
            if text:
                tx.run("INSERT INTO translations (workshop_id, item_id, field, language, text) "
                       "VALUES (:w, :i, :f, :l, :t)", {**key, "t": text})

        self.ctx.as_facilitator(work, ideas_topics.THEMES, groups_topics.GROUPS,
                                ground_rules_topics.RULES)

    # -- facilitator actions ----------------------------------------------------------
    def set_phase(self, phase: str) -> None:
        """Move the workshop to the step called `phase` (one of the registry's steps)."""
        from kit import steps  # the registry, read now: a step added to it is a phase here

        name = str(phase or "").strip()
        if name not in steps.names(steps.STEPS):
            raise errors.InvalidValue(field="phase", value=name[:40])
        # A timer belongs to the step it was started in.
        self.ctx.facilitate("UPDATE workshops SET phase = :p, timer_ends_at = NULL WHERE id = :w",
                            {"p": name}, Topic.WORKSHOP)

    def start_timer(self, seconds: int) -> None:
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not 0 < seconds <= 3 * 3600:
            raise errors.InvalidValue(field="seconds", value=str(seconds)[:20])
        self.ctx.facilitate("UPDATE workshops SET timer_ends_at = :t WHERE id = :w",
                            {"t": time.time() + seconds}, Topic.WORKSHOP)

    def set_board_focus(self, focus: str = "") -> None:
        """Put one thing large on the board for the whole room: "timer", "results",
        "theme:<id>" (a theme under discussion), or "" for the step's own screen."""
        focus = str(focus or "")
        if focus.startswith("theme:"):
            theme_id = focus.removeprefix("theme:")
            if theme_id not in {th.id for th in self.ideas.themes()}:
                raise UnknownTheme()
        elif focus not in BOARD_FOCI:
            raise errors.InvalidValue(field="focus", value=focus[:20])
        self.ctx.facilitate("UPDATE workshops SET board_focus = :f WHERE id = :w",
                            {"f": focus}, Topic.WORKSHOP)

    def stop_timer(self) -> None:
        self.ctx.facilitate("UPDATE workshops SET timer_ends_at = NULL WHERE id = :w", {},
                            Topic.WORKSHOP)

    def close(self) -> None:
        """Close the workshop: no more joins or input; its join code becomes free again.
        The facilitator may `reopen` it for `REOPEN_DAYS` days."""
        self.ctx.facilitate("UPDATE workshops SET status = 'closed', closed_at = :t "
                            "WHERE id = :w AND status = 'open'", {"t": time.time()},
                            Topic.WORKSHOP)

    def reopen_until(self) -> float | None:
        """Until when (epoch seconds) a closed workshop may be reopened; None when open.
        A workshop closed before closing was recorded counts as closed just now."""
        state = self.state()
        if state.status != Status.CLOSED:
            return None
        return (state.closed_at or time.time()) + REOPEN_DAYS * 86400

    def reopen(self) -> str:
        """Open a closed workshop again (within `REOPEN_DAYS` of closing); returns its join
        code: the old one, or a fresh one when another open workshop took it meanwhile."""
        def work(tx: Tx) -> str:
            row = tx.one("SELECT code, status, closed_at FROM workshops WHERE id = :w",
                         {"w": self.id})
            if row is None:
                raise errors.UnknownWorkshop(code=self.code)
            if row["status"] != Status.CLOSED:
                return str(row["code"])
            if row["closed_at"] is not None and \
                    time.time() > row["closed_at"] + REOPEN_DAYS * 86400:
                raise errors.ReopenTooLate(days=REOPEN_DAYS)
            code: str = row["code"]
            while tx.one("SELECT 1 AS x FROM workshops WHERE code = :c AND status = 'open'",
                         {"c": code}) is not None:
                code = new_code()
            tx.run("UPDATE workshops SET status = 'open', closed_at = NULL, code = :c "
                   "WHERE id = :w", {"c": code, "w": self.id})
            return code

        code = self.ctx.as_facilitator(work, Topic.WORKSHOP)
        self.code = self.ctx.code = code
        return code

    def update(self, title: str | None = None, municipality: str | None = None,
               date: str | None = None, language: str | None = None) -> None:
        s = self.state()
        self.ctx.facilitate(
            "UPDATE workshops SET title = :t, municipality = :m, date = :d, language = :l "
            "WHERE id = :w",
            {"t": clean_text(title if title is not None else s.title, field="title",
                             max_length=MAX_TITLE),
             "m": clean_text(municipality if municipality is not None else s.municipality,
                             field="municipality", max_length=MAX_NAME),
             "d": _clean_date(date if date is not None else s.date),
             "l": clean_language(language if language is not None else s.language)},
            Topic.WORKSHOP)

    # -- export -----------------------------------------------------------------------
    def rows(self) -> Rows:
        """Everything in the workshop, as exchange-format rows (see `kit.exchange`)."""
        from kit.core.sheets import WORKSHOP
        from kit.exchange import DECLARED

        out: Rows = {}
        for sheet in DECLARED:
            names = [c.name for c in sheet.columns]
            if sheet.name == WORKSHOP.name:
                # the public code is the partnership's, and the steps' settings the sheet
                # carries are theirs (issue 26): written with the workshop so an old kit
                # reads the file as before
                found = self._db.read("SELECT w.*, p.public_code FROM workshops w JOIN "
                                      "partnerships p ON p.id = w.partnership_id "
                                      "WHERE w.id = :w", {"w": self.id})
                for table in steps.settings():
                    if set(table.columns) & set(names):
                        values = self.ctx.settings(table)
                        found = [{**r, **{c: getattr(values, c) for c in table.columns}}
                                 for r in found]
            else:
                found = self._db.read(f"SELECT * FROM {sheet.table_name} WHERE "
                                      "workshop_id = :w", {"w": self.id})
            bools = {c.name for c in sheet.columns if c.kind == "bool"}
            out[sheet.name] = [{n: (bool(r[n]) if n in bools else r[n]) for n in names}
                               for r in found]
        # a translation outlives nothing: one of a group re-formed since is left out
        items = {r["id"] for sheet in DECLARED if sheet.translated
                 for r in out.get(sheet.name, [])}
        out["translations"] = [r for r in out.get("translations", []) if r["item_id"] in items]
        return out

    def frames(self) -> dict[str, pd.DataFrame]:
        """One pandas DataFrame per exchange table, keyed by table name."""
        import pandas as pd

        from kit.exchange import SHEETS, sort_rows

        rows = self.rows()
        return {sheet: pd.DataFrame(sort_rows(sheet, rows[sheet]),
                                    columns=[c.name for c in columns])
                for sheet, columns in SHEETS.items()}
