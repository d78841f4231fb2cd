"""The workshop facade: every read and write the apps, notebooks and CLI make.

`Store` holds the database; `Workshop` is a live handle on one workshop. Participant actions
need only the handle; facilitator actions need the handle to carry the workshop's facilitator
key. Each write is one transaction that also bumps the workshop's revision and records which
topics changed, which is how the other kernels learn what to refresh.

The handle keeps what belongs to the whole workshop (participants, phase, timer, export) and
composes one store per step, built from `kit.steps._stores.STORES`: `workshop.prepare`,
`.timeline`, `.needs`, `.ideas`, `.voting`, `.groups`, `.ground_rules`, `.follow_up`. A few
documented calls (`add_idea`, `add_theme`, `vote`) stay on the handle as aliases.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kit.core import errors
from kit.core.base import (
    CODE_LENGTH,
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
from kit.core.context import Context
from kit.core.db import Database, Row, Tx
from kit.core.model import (
    MAX_LABEL,
    MAX_NAME,
    MAX_ORGANISATION,
    MAX_TERMS,
    MAX_TITLE,
    TRANSLATED_FIELDS,
    Change,
    Participant,
    Phase,
    Prompt,
    Sector,
    Status,
    Topic,
    Translation,
    WorkshopState,
)
from kit.core.rows import Table, insert
from kit.core.validate import clean_language, clean_name, clean_sector, clean_text

if TYPE_CHECKING:
    import pandas as pd

    from kit.core.sheets import Rows
    from kit.steps.follow_up.store import FollowUpStore
    from kit.steps.ground_rules.store import GroundRulesStore
    from kit.steps.groups.store import GroupsStore
    from kit.steps.ideas.model import Idea, Theme
    from kit.steps.ideas.store import IdeasStore
    from kit.steps.needs.store import NeedsStore
    from kit.steps.prepare.store import PrepareStore
    from kit.steps.timeline.store import TimelineStore
    from kit.steps.voting.store import VotingStore

REOPEN_DAYS = 30
"""How long after closing the facilitator may reopen a workshop (`Workshop.reopen`)."""

BOARD_FOCI = ("", "timer", "results")
"""What the board can put in focus besides a theme ("theme:<id>")."""

WORKSHOPS: Table[WorkshopState] = Table("workshops", WorkshopState, owned=False)
PARTICIPANTS: Table[Participant] = Table("participants", Participant)
TRANSLATIONS: Table[Translation] = Table("translations", Translation)


class Store:
    """All workshops in one database. Open it with `kit.open_store()`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def url(self) -> str:
        return self.db.url

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- workshops --------------------------------------------------------------------
    def create_workshop(self, title: str, municipality: str, date: str | None = None,
                        language: str = "da") -> Workshop:
        """A new open workshop with a fresh join code; the handle carries the facilitator key."""
        title = clean_text(title, field="title", max_length=MAX_TITLE)
        municipality = clean_text(municipality, field="municipality", max_length=MAX_NAME)
        date = _clean_date(date)
        language = clean_language(language)
        workshop_id, key = new_id("w"), secrets.token_urlsafe(16)

        # The code is drawn as the row goes in; the settings start at the model's defaults.
        state = WorkshopState(id=workshop_id, code="", title=title, municipality=municipality,
                              date=date, language=language, phase=Phase.PREPARE,
                              status=Status.OPEN, revision=0)

        def work(tx: Tx) -> str:
            code = self._insert_workshop(tx, state, key)
            bump(tx, workshop_id, Topic.WORKSHOP)
            return code

        code = self.db.write(work)
        return Workshop(self, workshop_id, code, key)

    def _insert_workshop(self, tx: Tx, state: WorkshopState, key: str,
                         check_answers: str = "") -> str:
        """Insert the `workshops` row of `state` under a join code no open workshop holds:
        its own code if it is one, else fresh ones; returns the code used.

        The unique index on open workshops' codes decides (ON CONFLICT ... DO NOTHING), not
        an earlier look: a code another store took a moment ago, in another process, is not
        an error but a reason to draw the next one."""
        sql = WORKSHOPS.insert("facilitator_key", "created_at", "check_answers")
        params = WORKSHOPS.values(state, facilitator_key=key, created_at=time.time(),
                                  check_answers=check_answers)
        code: str | None = state.code
        while True:
            if code is None or len(code) != CODE_LENGTH:
                code = new_code()
            if tx.one(sql + " ON CONFLICT (code) WHERE status = 'open' DO NOTHING RETURNING id",
                      {**params, "code": code}) is not None:
                return code
            code = None

    def _find(self, code_or_id: str) -> Row:
        # (a lone surrogate, which no database takes, becomes `?`: just a wrong id)
        value = str(code_or_id or "").strip().encode("utf-8", "replace").decode("utf-8")
        rows = self.db.read("SELECT id, code, facilitator_key FROM workshops WHERE id = :v",
                            {"v": value})
        if not rows:
            code = normalise_code(value)
            rows = self.db.read(
                "SELECT id, code, facilitator_key, status FROM workshops WHERE code = :c "
                "ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, created_at DESC",
                {"c": code}) if len(code) == CODE_LENGTH else []
        if not rows:
            raise errors.UnknownWorkshop(code=value[:20])
        return rows[0]

    def workshop(self, code_or_id: str, key: str | None = None) -> Workshop:
        """A handle by join code or id; pass the facilitator key to be allowed to facilitate."""
        row = self._find(code_or_id)
        if key is not None and not same_secret(key, row["facilitator_key"]):
            raise errors.FacilitatorOnly()
        return Workshop(self, row["id"], row["code"], key)

    def public_workshop(self, code: str) -> Workshop:
        """A participant's or the board's handle: found by join code only, never by id (ids
        come from whoever wrote an import file, e.g. `w-bakkeby-2026`), and only while the
        workshop is open (WorkshopClosed otherwise, so its pages can say so and no more)."""
        value = normalise_code(str(code or ""))
        rows = self.db.read(
            "SELECT id, code, status FROM workshops WHERE code = :c "
            "ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, created_at DESC",
            {"c": value}) if len(value) == CODE_LENGTH else []
        if not rows:
            raise errors.UnknownWorkshop(code=str(code or "")[:20])
        if rows[0]["status"] != Status.OPEN:
            raise errors.WorkshopClosed(code=rows[0]["code"])
        return Workshop(self, rows[0]["id"], rows[0]["code"], None)

    def facilitate(self, code_or_id: str) -> Workshop:
        """The facilitator's handle, for code on the machine that owns the store."""
        row = self._find(code_or_id)
        return Workshop(self, row["id"], row["code"], row["facilitator_key"])

    def workshops(self) -> list[WorkshopState]:
        rows = self.db.read("SELECT * FROM workshops ORDER BY created_at DESC")
        return [WORKSHOPS.load(r) for r in rows]

    def held_before(self, days: int) -> list[WorkshopState]:
        """The workshops held more than `days` days ago (what `purge_older_than` deletes)."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise errors.InvalidValue(field="days", value=str(days)[:20])
        cutoff = dt.date.today() - dt.timedelta(days=days)
        return [s for s in self.workshops() if _as_date(s.date) < cutoff]

    def purge_older_than(self, days: int) -> list[str]:
        """Delete every workshop held more than `days` days ago; returns their ids."""
        old = [s.id for s in self.held_before(days)]
        for workshop_id in old:
            self.purge(workshop_id)
        return old

    def purge(self, code_or_id: str) -> str:
        """Delete a workshop and everything in it; returns its id."""
        # The tables come from their declarations (SQLAlchemy, so loaded only here).
        from kit.core.schema import WORKSHOP_TABLES

        workshop_id: str = self._find(code_or_id)["id"]

        def work(tx: Tx) -> None:
            for table in WORKSHOP_TABLES:
                tx.run(f"DELETE FROM {table} WHERE workshop_id = :w", {"w": workshop_id})
            tx.run("DELETE FROM workshops WHERE id = :w", {"w": workshop_id})

        self.db.write(work)
        self.db.scrub()  # no trace of the rows in the database's files either
        return workshop_id

    # -- exchange ---------------------------------------------------------------------
    def import_rows(self, rows: Rows) -> Workshop:
        """Create a workshop from validated exchange rows, in one transaction.

        Each sheet's rows go into its table under the sheet's columns; the columns a file
        does not carry are filled as the table declares them (`kit.core.schema`, loaded only
        here and for a purge): `created_at` in the order of the file, `rejoin_code` fresh
        (a secret is never exported), every other one by its default."""
        from kit.core.schema import metadata
        from kit.core.sheets import WORKSHOP
        from kit.exchange import DECLARED

        head = rows["workshop"][0]
        key = secrets.token_urlsafe(16)
        if self.db.read("SELECT 1 AS x FROM workshops WHERE id = :w", {"w": head["id"]}):
            raise errors.WorkshopExists(id=head["id"])
        state = WorkshopState(id=head["id"], code=str(head["code"] or ""), title=head["title"],
                              municipality=head["municipality"], date=head["date"],
                              language=head["language"], phase=head["phase"],
                              status=Status(head["status"]), revision=0)

        def work(tx: Tx) -> str:
            code = self._insert_workshop(tx, state, key, head.get("check_answers") or "")
            used: set[str] = set()
            fill: dict[str, Callable[[int], object]] = {
                "created_at": lambda n: time.time() + n * 1e-6,
                "rejoin_code": lambda n: _unique_rejoin(used)}
            for sheet in DECLARED:
                if sheet is WORKSHOP or not rows[sheet.name]:
                    continue
                names = [c.name for c in sheet.columns]
                filled = [c.name for c in metadata.tables[sheet.table_name].columns
                          if c.name in fill and c.name not in names]
                names = ["workshop_id", *names, *filled]
                tx.many(insert(sheet.table_name, names),
                        [{**row, "workshop_id": head["id"], **{c: fill[c](n) for c in filled}}
                         for n, row in enumerate(rows[sheet.name])])
            bump(tx, head["id"], *Topic)
            return code

        code = self.db.write(work)
        return Workshop(self, head["id"], code, key)


def _as_date(value: str) -> dt.date:
    """A stored date as a date; one that is none (written before imports checked dates)
    counts as today's, so no cutoff removes it by accident."""
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return dt.date.today()


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
        timeline: TimelineStore
        ideas: IdeasStore
        voting: VotingStore
        groups: GroupsStore
        follow_up: FollowUpStore
        needs: NeedsStore
        ground_rules: GroundRulesStore

    def __init__(self, store: Store, workshop_id: str, code: str, key: str | None) -> None:
        from kit.steps._stores import STORES  # the core imports no step module at load time

        self.store = store
        self.id = workshop_id
        self.code = code
        self.facilitator_key = key
        self.ctx = Context(store.db, workshop_id, code, key)
        for name, step_store in STORES.items():
            setattr(self, name, step_store(self.ctx, self))

    def __repr__(self) -> str:
        return f"<Workshop {self.code} id={self.id}>"

    @property
    def _db(self) -> Database:
        return self.store.db

    # -- reading ----------------------------------------------------------------------
    def state(self) -> WorkshopState:
        rows = self._db.read("SELECT * FROM workshops WHERE id = :w", {"w": self.id})
        if not rows:
            raise errors.UnknownWorkshop(code=self.code)
        return WORKSHOPS.load(rows[0])

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
        known = {t.value for t in Topic}
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

    # -- the steps' documented calls (aliases of their stores) ----------------------------
    def add_idea(self, participant: ParticipantRef, text: str,
                 prompt: Prompt | str = Prompt.UDFORDRING) -> Idea:
        """A participant's note; only while the ideas step is open (`ideas.add_idea`)."""
        return self.ideas.add_idea(participant, text, prompt)

    def add_theme(self, label: str) -> Theme:
        """A new theme on the board, facilitator only (`ideas.add_theme`)."""
        return self.ideas.add_theme(label)

    def vote(self, participant: ParticipantRef, theme_id: str, dots: int = 1) -> int:
        """Place dots; returns the participant's dots left (`voting.vote`)."""
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
        """The text a theme or group (`item_id`) shows on phones in `language`: its label
        or name (`field="label"`), or a group's `purpose` or `first_meeting`. An empty text
        takes the translation away (phones show the Danish text with the area's name)."""
        language = clean_language(language)
        if field not in TRANSLATED_FIELDS:
            raise errors.InvalidValue(field="field", value=str(field)[:40])
        longest = MAX_LABEL if field == "label" else MAX_TERMS
        text = clean_text(text, field=field, max_length=longest, required=False,
                          multiline=field != "label")
        item_id = str(item_id)

        def work(tx: Tx) -> None:
            tables = ("groups",) if field != "label" else ("themes", "groups")
            if not any(tx.one(f"SELECT 1 AS x FROM {table} WHERE workshop_id = :w AND id = :i",
                              {"w": self.id, "i": item_id}) for table in tables):
                raise errors.InvalidValue(field="item_id", value=item_id[:40])
            key = {"w": self.id, "i": item_id, "f": field, "l": language}
            tx.run("DELETE FROM translations WHERE workshop_id = :w AND item_id = :i AND "
                   "field = :f AND language = :l", key)
            if text:
                tx.run("INSERT INTO translations (workshop_id, item_id, field, language, text) "
                       "VALUES (:w, :i, :f, :l, :t)", {**key, "t": text})

        self.ctx.as_facilitator(work, Topic.THEMES, Topic.GROUPS)

    # -- facilitator actions ----------------------------------------------------------
    def set_phase(self, phase: Phase | str) -> None:
        """Move the workshop to the step called `phase` (one of the registry's steps)."""
        from kit import steps  # the registry, read now: a step added to it is a phase here

        name = str(phase.value if isinstance(phase, Phase) else phase or "").strip()
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
                raise errors.UnknownTheme()
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
            owner = "id" if sheet is WORKSHOP else "workshop_id"
            found = self._db.read(f"SELECT * FROM {sheet.table_name} WHERE {owner} = :w",
                                  {"w": self.id})
            bools = {c.name for c in sheet.columns if c.kind == "bool"}
            out[sheet.name] = [{n: (bool(r[n]) if n in bools else r[n]) for n in names}
                               for r in found]
        # a translation outlives nothing: one of a group re-formed since is left out
        items = {r["id"] for sheet in ("themes", "groups") for r in out.get(sheet, [])}
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

