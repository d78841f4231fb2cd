"""The timeline step in the store: cards (participants' own, the facilitator's any) and the
facilitator's verdicts on the analysis findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from kit.core import errors
from kit.core.base import ParticipantRef, _participant_id, _plain, bump, new_id
from kit.core.context import StepStore
from kit.core.db import Tx
from kit.core.model import (
    FIRST_WEEK,
    LAST_WEEK,
    MAX_DESCRIPTION,
    MAX_TITLE,
    Category,
    Sector,
    Topic,
)
from kit.core.rows import Settings, Table, assignments
from kit.core.validate import clean_choice, clean_sector, clean_text
from kit.steps.timeline import topics
from kit.steps.timeline.errors import InvalidWeeks, UnknownCard
from kit.steps.timeline.model import Card, ReviewVerdict, TimelineSettings

if TYPE_CHECKING:
    from kit.steps.timeline.changes import Changes

CARDS: Table[Card] = Table("cards", Card)
SETTINGS: Settings[TimelineSettings] = Settings("timeline_settings", TimelineSettings)
EDITABLE = tuple(c for c in CARDS.columns
                 if c not in ("id", "participant_id", "retired", "carried"))
"""A card's fields that can change (its id and its author stay; retiring is its own call)."""


class TimelineStore(StepStore):
    """Cards on the reception timeline and the verdicts on its findings, in the store
    (`workshop.timeline`)."""
    # -- cards on the timeline -----------------------------------------------------------
    def cards(self, tx: Tx | None = None) -> list[Card]:
        """Every card, by its weeks; read in `tx` when another step's write asks inside its
        transaction (the ground rules take their tasks from the cards)."""
        rows = self._rows(tx, "SELECT * FROM cards WHERE workshop_id = :w ORDER BY start_week, "
                          "end_week, id", {"w": self.id})
        return [CARDS.load(r) for r in rows]

    def card(self, card_id: str) -> Card:
        rows = self._db.read("SELECT * FROM cards WHERE workshop_id = :w AND id = :c",
                             {"w": self.id, "c": str(card_id)})
        if not rows:
            raise UnknownCard()
        return CARDS.load(rows[0])

    def add_card(self, participant: ParticipantRef | None, title: str, owner: str,
                 category: Category | str, start_week: int, end_week: int,
                 sector: Sector | str | None = None, description: str = "") -> Card:
        """A participant's card (sector defaults to theirs); `None` is the facilitator's."""
        pid = None if participant is None else _participant_id(participant)

        def work(tx: Tx) -> Card:
            self.ctx.open_check(tx)
            if pid is None:
                self.ctx.facilitator_check(tx)
                card_sector = sector
            else:
                row = tx.one("SELECT sector FROM participants WHERE workshop_id = :w AND "
                             "id = :p", {"w": self.id, "p": pid})
                if row is None:
                    raise errors.UnknownParticipant()
                card_sector = sector or row["sector"]
            fields = clean_card(title, owner, card_sector, category, start_week, end_week,
                                description)
            card = Card(id=new_id("c"), participant_id=pid, **fields)
            self._insert_card(tx, card)
            bump(tx, self.id, topics.CARDS, owner=pid)
            return card

        return self._db.write(work)

    def _insert_card(self, tx: Tx, card: Card) -> None:
        tx.run(CARDS.insert(), CARDS.values(card, self.id))

    def add_cards(self, cards: list[dict[str, object]]) -> list[Card]:
        """The facilitator's bulk entry: all cards or, if one is wrong, none."""
        checked = []
        for n, c in enumerate(cards, start=1):
            try:
                checked.append(clean_card(c.get("title"), c.get("owner"), c.get("sector"),
                                          c.get("category"), c.get("start_week"),
                                          c.get("end_week"), c.get("description", "")))
            except errors.KitError as exc:
                raise errors.BadRow(row=n, problem=exc) from None

        def work(tx: Tx) -> list[Card]:
            self.ctx.open_check(tx)
            self.ctx.facilitator_check(tx)
            made = [Card(id=new_id("c"), **fields) for fields in checked]
            for card in made:
                self._insert_card(tx, card)
            bump(tx, self.id, topics.CARDS)
            return made

        return self._db.write(work)

    def update_card(self, card_id: str, participant: ParticipantRef | None = None,
                    **fields: object) -> Card:
        """Change a card: a participant only their own, the facilitator (None) any."""
        pid = None if participant is None else _participant_id(participant)

        def work(tx: Tx) -> Card:
            row = self.ctx.own(tx, "cards", card_id, pid, UnknownCard)
            clean = clean_card(**{k: fields.get(k, row[k]) for k in EDITABLE})
            tx.run(f"UPDATE cards SET {assignments(clean)} WHERE workshop_id = :w AND id = :c",
                   {**_plain(clean), "w": self.id, "c": row["id"]})
            bump(tx, self.id, topics.CARDS, owner=row["participant_id"])
            return Card(id=row["id"], participant_id=row["participant_id"],
                        retired=bool(row["retired"]), carried=bool(row["carried"]), **clean)

        return self._db.write(work)

    def delete_card(self, card_id: str, participant: ParticipantRef | None = None) -> None:
        pid = None if participant is None else _participant_id(participant)

        def work(tx: Tx) -> None:
            row = self.ctx.own(tx, "cards", card_id, pid, UnknownCard)
            tx.run("DELETE FROM cards WHERE workshop_id = :w AND id = :c",
                   {"w": self.id, "c": row["id"]})
            bump(tx, self.id, topics.CARDS, owner=row["participant_id"])

        self._db.write(work)

    def retire_card(self, card_id: str, retired: bool = True) -> None:
        """Take an offer that has ended off the living overview (`/overview/<CODE>`), or put
        it back; the card stays in the workshop's record (facilitator or coordinator, also
        after the workshop)."""
        def work(tx: Tx) -> None:
            self.ctx.row(tx, "cards", card_id, UnknownCard)
            tx.run("UPDATE cards SET retired = :r WHERE workshop_id = :w AND id = :c",
                   {"r": bool(retired), "w": self.id, "c": str(card_id)})

        self.ctx.as_facilitator(work, topics.CARDS)

    def since_last(self) -> Changes | None:
        """What changed since the partnership's workshop before this one (offers, actors,
        working groups); None when there was none before."""
        from kit.steps.timeline.changes import compare

        before = self.workshop.previous()
        if before is None:
            return None
        return compare(before.timeline.cards(), self.cards(), before.prepare.actors(),
                       self.workshop.prepare.actors(), before.groups(), self.workshop.groups())

    def set_review_open(self, review_open: bool) -> None:
        """Show (or hide) the analysis findings on the board."""
        self.ctx.set_settings(SETTINGS, {"review_open": bool(review_open)}, Topic.WORKSHOP)

    def verdicts(self) -> dict[str, ReviewVerdict]:
        """The facilitator's verdict on each analysis finding that has one."""
        rows = self._db.read("SELECT key, status FROM findings WHERE workshop_id = :w",
                             {"w": self.id})
        return {r["key"]: ReviewVerdict(r["status"]) for r in rows}

    def set_verdict(self, key: str, verdict: ReviewVerdict | str) -> None:
        verdict = clean_choice(verdict, ReviewVerdict, field="status")
        key = clean_text(key, field="key", max_length=200)

        def work(tx: Tx) -> None:
            tx.run("DELETE FROM findings WHERE workshop_id = :w AND key = :k",
                   {"w": self.id, "k": key})
            if verdict is not ReviewVerdict.OPEN:
                tx.run("INSERT INTO findings (workshop_id, key, status) VALUES (:w, :k, :s)",
                       {"w": self.id, "k": key, "s": verdict.value})

        self.ctx.as_facilitator(work, topics.FINDINGS)


class CardData(TypedDict):
    """A card's checked fields: a `Card` without its id and author."""

    title: str
    owner: str
    sector: Sector
    category: Category
    start_week: int
    end_week: int
    description: str


def clean_card(title: object, owner: object, sector: object, category: object,
               start_week: object, end_week: object, description: object = "") -> CardData:
    """A card's fields, checked; raises before anything is written."""
    weeks = []
    for name, value in (("start_week", start_week), ("end_week", end_week)):
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise errors.InvalidValue(field=name, value=str(value)[:20])
        try:
            week = int(value)
        except ValueError:
            raise errors.InvalidValue(field=name, value=str(value)[:20]) from None
        if not FIRST_WEEK <= week <= LAST_WEEK:
            raise InvalidWeeks(first=FIRST_WEEK, last=LAST_WEEK)
        weeks.append(week)
    if weeks[0] > weeks[1]:
        raise InvalidWeeks(first=FIRST_WEEK, last=LAST_WEEK)
    return {"title": clean_text(title, field="title", max_length=MAX_TITLE),
            "owner": clean_text(owner, field="owner", max_length=MAX_TITLE),
            "sector": clean_sector(sector),
            "category": clean_choice(category, Category, field="category"),
            "start_week": weeks[0], "end_week": weeks[1],
            "description": clean_text(description, field="description",
                                      max_length=MAX_DESCRIPTION, required=False,
                                      multiline=True)}
