"""The ideas step in the store: participants' notes, and the facilitator's theme board
(create, rename, merge, split, move notes, candidates for the vote) with an undo history."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Protocol, TypeVar, runtime_checkable

from kit.core import errors
from kit.core.base import ParticipantRef, _participant_id, bump, drop_translations, new_id
from kit.core.context import StepStore
from kit.core.db import Row, Tx
from kit.core.model import MAX_IDEA, MAX_LABEL, Category, Topic
from kit.core.rows import Table
from kit.core.validate import clean_choice, clean_text
from kit.steps.ideas import topics
from kit.steps.ideas.errors import (
    NothingToUndo,
    ThemeInUse,
    ThemeNotEmpty,
    UnknownIdea,
    UnknownTheme,
)
from kit.steps.ideas.model import Idea, Prompt, Theme

T = TypeVar("T")

IDEAS: Table[Idea] = Table("ideas", Idea)
THEMES: Table[Theme] = Table("themes", Theme)


@runtime_checkable
class RestsOnThemes(Protocol):
    """A later step's store whose rows point at themes (the vote's dots, the groups' wishes
    and groups): the declared hook by which the theme board learns, without reading those
    steps' tables, which themes it may no longer delete or merge away."""

    def themes_in_use(self, tx: Tx) -> set[str]:
        """The ids of the themes this step's rows point at, read in `tx`."""


class IdeasStore(StepStore):
    """Notes and the theme board, in the store (`workshop.ideas`); calling it lists the notes."""

    def __call__(self) -> list[Idea]:
        """Every note, oldest first: `workshop.ideas()` (the one way to list them)."""
        rows = self._db.read("SELECT * FROM ideas WHERE workshop_id = :w ORDER BY created_at, id",
                             {"w": self.id})
        return [IDEAS.load(r) for r in rows]

    def themes(self, tx: Tx | None = None) -> list[Theme]:
        """The themes in the order they were made (renaming a theme does not move its
        column); read in `tx` when a later step's write asks inside its transaction."""
        rows = self._rows(tx, "SELECT * FROM themes WHERE workshop_id = :w "
                          "ORDER BY COALESCE(created_at, 0), label, id", {"w": self.id})
        return [THEMES.load(r) for r in rows]

    # -- what the later steps write of a theme, inside their own transaction ---------------
    def find_theme(self, tx: Tx, theme_id: str) -> Theme | None:
        """One theme read in `tx` (the vote checks a dot's theme is a candidate), or None."""
        row = tx.one("SELECT * FROM themes WHERE workshop_id = :w AND id = :t",
                     {"w": self.id, "t": str(theme_id)})
        return None if row is None else THEMES.load(row)

    def write_discussion(self, tx: Tx, theme_id: str, needs: str, use_each_other: str,
                         team: str) -> None:
        """The room's answers to the guiding questions on a theme (the prioritising step
        cleans and asks for them); raises UnknownTheme."""
        self._theme_row(tx, theme_id)
        tx.run("UPDATE themes SET needs = :n, use_each_other = :u, team = :t WHERE "
               "workshop_id = :w AND id = :i", {"n": needs, "u": use_each_other, "t": team,
                                                "w": self.id, "i": str(theme_id)})

    def mark_chosen(self, tx: Tx, theme_ids: list[str]) -> None:
        """These themes, and no other, go on to working groups (the prioritising step's
        choice); raises UnknownTheme for one not on the board, changing nothing."""
        for theme_id in theme_ids:
            self._theme_row(tx, theme_id)
        tx.run("UPDATE themes SET chosen = :f WHERE workshop_id = :w", {"w": self.id, "f": False})
        tx.many("UPDATE themes SET chosen = :t WHERE workshop_id = :w AND id = :i",
                [{"w": self.id, "t": True, "i": str(i)} for i in theme_ids])

    def add_idea(self, participant: ParticipantRef, text: str,
                 prompt: Prompt | str = Prompt.UDFORDRING) -> Idea:
        """A participant's note; only while the ideas step is open."""
        text = clean_text(text, field="text", max_length=MAX_IDEA)
        prompt = clean_choice(prompt, Prompt, field="prompt")
        pid = _participant_id(participant)

        def work(tx: Tx) -> Idea:
            self.ctx.step_check(tx, "ideas")
            if tx.one("SELECT 1 AS x FROM participants WHERE workshop_id = :w AND id = :p",
                      {"w": self.id, "p": pid}) is None:
                raise errors.UnknownParticipant()
            idea = Idea(new_id("i"), pid, prompt, text)
            tx.run(IDEAS.insert("created_at"),
                   IDEAS.values(idea, self.id, created_at=time.time()))
            bump(tx, self.id, topics.IDEAS, owner=pid)
            return idea

        return self._db.write(work)

    def update_idea(self, idea_id: str, participant: ParticipantRef | None,
                    text: str | None = None, prompt: Prompt | str | None = None) -> Idea:
        """Change a note: its author while the step is open, or the facilitator (None)."""
        pid = None if participant is None else _participant_id(participant)
        new_text = None if text is None else clean_text(text, field="text", max_length=MAX_IDEA)
        new_prompt = None if prompt is None else clean_choice(prompt, Prompt, field="prompt")

        def work(tx: Tx) -> Idea:
            row = self.ctx.own(tx, "ideas", idea_id, pid, UnknownIdea, "ideas")
            row["text"] = new_text if new_text is not None else row["text"]
            row["prompt"] = new_prompt.value if new_prompt is not None else row["prompt"]
            tx.run("UPDATE ideas SET text = :text, prompt = :prompt WHERE workshop_id = :w AND "
                   "id = :id", {"w": self.id, "id": row["id"], "text": row["text"],
                                 "prompt": row["prompt"]})
            bump(tx, self.id, topics.IDEAS, owner=row["participant_id"])
            return IDEAS.load(row)

        return self._db.write(work)

    def delete_idea(self, idea_id: str, participant: ParticipantRef | None) -> None:
        pid = None if participant is None else _participant_id(participant)

        def work(tx: Tx) -> None:
            row = self.ctx.own(tx, "ideas", idea_id, pid, UnknownIdea, "ideas")
            tx.run("DELETE FROM suggested WHERE workshop_id = :w AND idea_id = :id",
                   {"w": self.id, "id": row["id"]})
            tx.run("DELETE FROM ideas WHERE workshop_id = :w AND id = :id",
                   {"w": self.id, "id": row["id"]})
            bump(tx, self.id, topics.IDEAS, owner=row["participant_id"])

        self._db.write(work)

    # -- the theme board (facilitator) --------------------------------------------------
    def _board(self, work: Callable[[Tx], T], *more: Topic) -> T:
        """A theme-board change: facilitator only, one transaction, undoable."""
        def run(tx: Tx) -> T:
            self._snapshot(tx)
            return work(tx)

        return self.ctx.as_facilitator(run, topics.THEMES, *more)

    def _snapshot(self, tx: Tx) -> None:
        themes = tx.rows("SELECT id, label, selected, area, created_at FROM themes WHERE "
                         "workshop_id = :w ORDER BY id", {"w": self.id})
        placed = tx.rows("SELECT id, theme_id FROM ideas WHERE workshop_id = :w",
                         {"w": self.id})
        marked = tx.rows("SELECT idea_id, words FROM suggested WHERE workshop_id = :w",
                         {"w": self.id})
        snapshot = json.dumps({"themes": [[r["id"], r["label"], bool(r["selected"]), r["area"],
                                           r["created_at"]] for r in themes],
                               "ideas": {r["id"]: r["theme_id"] for r in placed},
                               "suggested": {r["idea_id"]: r["words"] for r in marked}})
        row = tx.one("SELECT MAX(seq) AS seq FROM undo WHERE workshop_id = :w", {"w": self.id})
        seq = (row["seq"] or 0) + 1 if row else 1
        tx.run("INSERT INTO undo (workshop_id, seq, snapshot) VALUES (:w, :s, :snap)",
               {"w": self.id, "s": seq, "snap": snapshot})
        tx.run("DELETE FROM undo WHERE workshop_id = :w AND seq <= :old",
               {"w": self.id, "old": seq - UNDO_DEPTH})

    def _theme_row(self, tx: Tx, theme_id: str) -> Row:
        return self.ctx.row(tx, "themes", theme_id, UnknownTheme)

    def _drop_theme(self, tx: Tx, theme_id: str) -> None:
        if theme_id in self._in_use(tx):
            raise ThemeInUse()
        tx.run("DELETE FROM suggested WHERE workshop_id = :w AND idea_id IN (SELECT id FROM "
               "ideas WHERE workshop_id = :w AND theme_id = :t)", {"w": self.id, "t": theme_id})
        tx.run("UPDATE ideas SET theme_id = NULL WHERE workshop_id = :w AND theme_id = :t",
               {"w": self.id, "t": theme_id})
        tx.run("DELETE FROM themes WHERE workshop_id = :w AND id = :t",
               {"w": self.id, "t": theme_id})
        drop_translations(tx, self.id, theme_id)

    def _insert_theme(self, tx: Tx, label: str, selected: bool = False,
                      theme_id: str | None = None, area: str | None = None,
                      created_at: float | None = None) -> Theme:
        """A new theme; its area guessed from its label unless given; `created_at` keeps
        its place on the board when undo puts it back."""
        theme = Theme(theme_id or new_id("t"), label, selected,
                      area=_guess_area([label]) if area is None else area)
        tx.run(THEMES.insert("created_at"),
               THEMES.values(theme, self.id, created_at=created_at or time.time()))
        return theme

    def add_theme(self, label: str) -> Theme:
        label = clean_text(label, field="label", max_length=MAX_LABEL)
        return self._board(lambda tx: self._insert_theme(tx, label))

    def rename_theme(self, theme_id: str, label: str) -> None:
        label = clean_text(label, field="label", max_length=MAX_LABEL)

        def work(tx: Tx) -> None:
            self._theme_row(tx, theme_id)
            tx.run("UPDATE themes SET label = :l WHERE workshop_id = :w AND id = :t",
                   {"w": self.id, "t": theme_id, "l": label})

        self._board(work)

    def set_theme_area(self, theme_id: str, area: Category | str) -> None:
        """Put a theme in another area of the integration field ("" for none): phones and
        board show the area's pictogram and name beside the theme's label."""
        value = str(getattr(area, "value", area) or "")
        if value and value not in set(Category):
            raise errors.InvalidValue(field="area", value=value[:40])

        def work(tx: Tx) -> None:
            self._theme_row(tx, theme_id)
            tx.run("UPDATE themes SET area = :a WHERE workshop_id = :w AND id = :t",
                   {"w": self.id, "t": theme_id, "a": value})

        self._board(work)

    def _area_of(self, tx: Tx, idea_ids: list[str], label: str) -> str:
        """The area the notes of a new theme speak of most (else its label's)."""
        texts = [r["text"] for r in tx.rows("SELECT id, text FROM ideas WHERE workshop_id = :w",
                                            {"w": self.id}) if r["id"] in set(idea_ids)]
        return _guess_area(texts) or _guess_area([label])

    def select_theme(self, theme_id: str, selected: bool = True) -> None:
        """Mark a theme as a candidate for the vote (or take the mark away)."""
        def work(tx: Tx) -> None:
            self._theme_row(tx, theme_id)
            tx.run("UPDATE themes SET selected = :s WHERE workshop_id = :w AND id = :t",
                   {"w": self.id, "t": theme_id, "s": bool(selected)})

        self._board(work)

    def delete_theme(self, theme_id: str) -> None:
        """Delete an empty theme (move or merge its notes first)."""
        def work(tx: Tx) -> None:
            self._theme_row(tx, theme_id)
            if tx.one("SELECT 1 AS x FROM ideas WHERE workshop_id = :w AND theme_id = :t",
                      {"w": self.id, "t": theme_id}):
                raise ThemeNotEmpty()
            self._drop_theme(tx, theme_id)

        self._board(work)

    def assign_idea(self, idea_id: str, theme_id: str | None) -> None:
        """Move a note into a theme, or out of all themes with `None`."""
        def work(tx: Tx) -> None:
            if theme_id is not None:
                self._theme_row(tx, theme_id)
            if tx.one("SELECT 1 AS x FROM ideas WHERE workshop_id = :w AND id = :i",
                      {"w": self.id, "i": str(idea_id)}) is None:
                raise UnknownIdea()
            tx.run("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                   {"w": self.id, "i": str(idea_id), "t": theme_id})
            # The facilitator placed it: no longer the kit's suggestion.
            tx.run("DELETE FROM suggested WHERE workshop_id = :w AND idea_id = :i",
                   {"w": self.id, "i": str(idea_id)})

        self._board(work, topics.IDEAS)

    def merge_themes(self, into_id: str, from_id: str) -> None:
        """All notes of `from_id` go to `into_id`; `from_id` disappears."""
        def work(tx: Tx) -> None:
            if into_id == from_id:
                raise errors.InvalidValue(field="theme", value=str(from_id)[:20])
            self._theme_row(tx, into_id)
            self._theme_row(tx, from_id)
            tx.run("UPDATE ideas SET theme_id = :into WHERE workshop_id = :w AND "
                   "theme_id = :from", {"w": self.id, "into": into_id, "from": from_id})
            self._drop_theme(tx, from_id)

        self._board(work, topics.IDEAS)

    def split_theme(self, theme_id: str, idea_ids: list[str], label: str) -> Theme:
        """A new theme `label` holding these notes of `theme_id`."""
        label = clean_text(label, field="label", max_length=MAX_LABEL)

        def work(tx: Tx) -> Theme:
            self._theme_row(tx, theme_id)
            inside = {r["id"] for r in tx.rows("SELECT id FROM ideas WHERE workshop_id = :w AND "
                                               "theme_id = :t", {"w": self.id, "t": theme_id})}
            moving = [str(i) for i in idea_ids]
            if not moving or not set(moving) <= inside:
                raise UnknownIdea()
            theme = self._insert_theme(tx, label, area=self._area_of(tx, moving, label))
            tx.many("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                    [{"w": self.id, "t": theme.id, "i": i} for i in moving])
            return theme

        return self._board(work, topics.IDEAS)

    def apply_themes(self, groups: list[tuple[str, list[str]]]) -> list[Theme]:
        """Replace the board with these (label, note ids) groups, e.g. a suggestion."""
        cleaned = [(clean_text(label, field="label", max_length=MAX_LABEL), [str(i) for i in ids])
                   for label, ids in groups]

        def work(tx: Tx) -> list[Theme]:
            for row in tx.rows("SELECT id FROM themes WHERE workshop_id = :w", {"w": self.id}):
                self._drop_theme(tx, row["id"])
            made = []
            for label, ids in cleaned:
                theme = self._insert_theme(tx, label, area=self._area_of(tx, ids, label))
                tx.many("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                        [{"w": self.id, "t": theme.id, "i": i} for i in ids])
                made.append(theme)
            return made

        return self._board(work, topics.IDEAS)

    def _in_use(self, tx: Tx) -> set[str]:
        """Themes the later steps already rest on (votes, wishes, a group): each step whose
        store says so (`RestsOnThemes`) is asked, inside this transaction."""
        return {t for store in self.workshop.step_stores() if isinstance(store, RestsOnThemes)
                for t in store.themes_in_use(tx)}

    def suggested(self) -> dict[str, tuple[str, ...]]:
        """Notes the kit placed and the facilitator has not accepted yet: idea id → the words
        that tie the note to its theme (shown on hover or tap)."""
        rows = self._db.read("SELECT idea_id, words FROM suggested WHERE workshop_id = :w",
                             {"w": self.id})
        return {r["idea_id"]: tuple(x for x in r["words"].split(",") if x) for r in rows}

    def place_new_ideas(self) -> dict[str, str | None]:
        """Put each unplaced note into the theme it fits best, learnt from the notes the
        facilitator has already grouped (`kit.ideas.placements`), marked as suggested with
        the words that explain it, until accepted (`accept_suggested`) or moved. A note that
        fits no theme well, or fits best a theme with votes, wishes or a group (which this
        never touches), stays unplaced: to sort. One undoable step.

        Returns idea id → the theme it was put in, or None (left to sort)."""
        from kit.steps.ideas.logic import placements

        self.ctx.require_facilitator()  # before the work, which only the facilitator may ask
        every = self()
        late = [i for i in every if i.theme_id is None]
        if not late:
            return {}
        grouped: dict[str, list[str]] = {}
        for idea in every:
            if idea.theme_id is not None:
                grouped.setdefault(idea.theme_id, []).append(idea.text)
        # Computed before the transaction (it takes a tenth of a second); the transaction
        # then checks that each note is still unplaced and its theme still free.
        found = placements([i.text for i in late], grouped)

        def work(tx: Tx) -> dict[str, str | None]:
            where = {r["id"]: r["theme_id"] for r in tx.rows(
                "SELECT id, theme_id FROM ideas WHERE workshop_id = :w", {"w": self.id})}
            free = {r["id"] for r in tx.rows("SELECT id FROM themes WHERE workshop_id = :w",
                                             {"w": self.id})} - self._in_use(tx)
            done: dict[str, str | None] = {}
            for idea, place in zip(late, found, strict=True):
                if idea.id not in where or where[idea.id] is not None:
                    continue  # deleted or placed meanwhile
                theme = place.theme if place.theme in free else None
                done[idea.id] = theme
                if theme is None:
                    continue
                tx.run("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                       {"w": self.id, "t": theme, "i": idea.id})
                tx.run("INSERT INTO suggested (workshop_id, idea_id, words) VALUES "
                       "(:w, :i, :x)", {"w": self.id, "i": idea.id,
                                        "x": ",".join(x.replace(",", " ") for x in place.words)})
            return done

        return self._board(work, topics.IDEAS)

    def accept_suggested(self, idea_ids: list[str] | None = None) -> None:
        """The facilitator keeps these placed notes where the kit put them (all with None):
        they are no longer marked as suggested."""
        def work(tx: Tx) -> None:
            if idea_ids is None:
                tx.run("DELETE FROM suggested WHERE workshop_id = :w", {"w": self.id})
            else:
                tx.many("DELETE FROM suggested WHERE workshop_id = :w AND idea_id = :i",
                        [{"w": self.id, "i": str(i)} for i in idea_ids])

        self._board(work, topics.IDEAS)

    def add_themes(self, groups: list[tuple[str, list[str]]]) -> list[Theme]:
        """New themes for notes in no theme yet, e.g. a suggestion for the notes written
        after the board was sorted: one undoable step that leaves every existing theme as
        it is (its notes, votes, preferences and group). A note that is in a theme by now
        stays there; a group left with no note is not made."""
        cleaned = [(clean_text(label, field="label", max_length=MAX_LABEL), [str(i) for i in ids])
                   for label, ids in groups]

        def work(tx: Tx) -> list[Theme]:
            free = {r["id"] for r in tx.rows("SELECT id FROM ideas WHERE workshop_id = :w AND "
                                              "theme_id IS NULL", {"w": self.id})}
            made = []
            for label, ids in cleaned:
                mine = [i for i in ids if i in free]
                if not mine:
                    continue
                theme = self._insert_theme(tx, label, area=self._area_of(tx, mine, label))
                tx.many("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                        [{"w": self.id, "t": theme.id, "i": i} for i in mine])
                free -= set(mine)
                made.append(theme)
            return made

        return self._board(work, topics.IDEAS)

    def undo(self) -> None:
        """Put the theme board back as it was before its last change."""
        def work(tx: Tx) -> None:
            row = tx.one("SELECT seq, snapshot FROM undo WHERE workshop_id = :w ORDER BY seq "
                         "DESC LIMIT 1", {"w": self.id})
            if row is None:
                raise NothingToUndo()
            snap = json.loads(row["snapshot"])
            keep = {t[0] for t in snap["themes"]}
            for r in tx.rows("SELECT id FROM themes WHERE workshop_id = :w", {"w": self.id}):
                if r["id"] not in keep:
                    self._drop_theme(tx, r["id"])
            for theme_id, label, selected, *rest in snap["themes"]:
                # snapshots taken before areas and creation times have neither
                area = rest[0] if rest else None
                made = rest[1] if len(rest) > 1 else None
                if tx.one("SELECT 1 AS x FROM themes WHERE workshop_id = :w AND id = :t",
                          {"w": self.id, "t": theme_id}):
                    tx.run("UPDATE themes SET label = :l, selected = :s, area = COALESCE(:a, "
                           "area) WHERE workshop_id = :w AND id = :t",
                           {"w": self.id, "t": theme_id, "l": label, "s": selected, "a": area})
                else:
                    self._insert_theme(tx, label, selected, theme_id, area, made)
            current = {r["id"] for r in tx.rows("SELECT id FROM ideas WHERE workshop_id = :w",
                                                 {"w": self.id})}
            tx.many("UPDATE ideas SET theme_id = :t WHERE workshop_id = :w AND id = :i",
                    [{"w": self.id, "t": t, "i": i} for i, t in snap["ideas"].items()
                     if i in current])
            tx.run("DELETE FROM suggested WHERE workshop_id = :w", {"w": self.id})
            tx.many("INSERT INTO suggested (workshop_id, idea_id, words) VALUES (:w, :i, :x)",
                    [{"w": self.id, "i": i, "x": x}
                     for i, x in snap.get("suggested", {}).items() if i in current])
            tx.run("DELETE FROM undo WHERE workshop_id = :w AND seq = :s",
                   {"w": self.id, "s": row["seq"]})

        self.ctx.as_facilitator(work, topics.THEMES, topics.IDEAS)


UNDO_DEPTH = 30


def _guess_area(texts: list[str]) -> str:
    # Loaded on first use: the area vocabulary and the stemmer cost every phone's kernel
    # (which imports this store but never makes a theme) about 2 MiB.
    from kit.steps.ideas.areas import guess_area

    return guess_area(texts)
