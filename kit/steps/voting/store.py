"""The prioritising step in the store: the vote's rules, dots checked against the budget
inside the writing transaction, the discussion of the guiding questions and the chosen
themes."""

from __future__ import annotations

from typing import Any, overload

from kit.core import errors
from kit.core.base import ParticipantRef, _participant_id, bump
from kit.core.context import StepStore
from kit.core.db import Row, Tx
from kit.core.model import MAX_DESCRIPTION, Status, Topic
from kit.core.rows import Settings
from kit.core.validate import clean_text
from kit.steps.ideas import topics as ideas_topics
from kit.steps.voting import topics
from kit.steps.voting.errors import (
    NoDotsThere,
    NotACandidate,
    OverBudget,
    OverThemeCap,
    VotingClosed,
)
from kit.steps.voting.model import VotingSettings

MAX_REASON = 1000
"""The reason for the choice of themes: a few sentences."""

SETTINGS: Settings[VotingSettings] = Settings("voting_settings", VotingSettings)


class VotingStore(StepStore):
    """The dot vote and the guiding questions, in the store (`workshop.voting`)."""

    def themes_in_use(self, tx: Tx) -> set[str]:
        """The themes that have dots: the theme board keeps them (`RestsOnThemes`)."""
        return {r["theme_id"] for r in tx.rows(
            "SELECT DISTINCT theme_id FROM votes WHERE workshop_id = :w", {"w": self.id})}
    # -- voting ---------------------------------------------------------------------------
    def configure_voting(self, dots_per_participant: int = 3,
                         max_dots_per_theme: int | None = None, hidden: bool = True) -> None:
        """The rules of the vote (facilitator); they apply from the next dot on."""
        for name, value in (("dots_per_participant", dots_per_participant),
                            ("max_dots_per_theme", max_dots_per_theme)):
            if value is None and name == "max_dots_per_theme":
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 50:
                raise errors.InvalidValue(field=name, value=str(value)[:20])
        self.ctx.set_settings(SETTINGS, {"dots_per_participant": dots_per_participant,
                                         "max_dots_per_theme": max_dots_per_theme,
                                         "results_hidden": bool(hidden)},
                              Topic.WORKSHOP, topics.VOTES)

    def open_voting(self) -> None:
        self.ctx.set_settings(SETTINGS, {"voting_open": True, "revealed": False},
                              Topic.WORKSHOP, topics.VOTES)

    def close_voting(self) -> None:
        self.ctx.set_settings(SETTINGS, {"voting_open": False}, Topic.WORKSHOP, topics.VOTES)

    def reveal(self, revealed: bool = True) -> None:
        """Show the results on the board (hidden ones stay hidden until this)."""
        self.ctx.set_settings(SETTINGS, {"revealed": bool(revealed)},
                              Topic.WORKSHOP, topics.VOTES)

    def vote(self, participant: ParticipantRef, theme_id: str, dots: int = 1) -> int:
        """Place dots; returns the participant's dots left. The budget and the per-theme cap
        are checked inside the transaction that writes, under a lock on the participant, so
        two tabs, fast taps or two kernels can never pass them."""
        return self._dots(participant, theme_id, dots)

    def unvote(self, participant: ParticipantRef, theme_id: str, dots: int = 1) -> int:
        """Take dots back; returns the participant's dots left."""
        return self._dots(participant, theme_id, -dots)

    def _dots(self, participant: ParticipantRef, theme_id: str, change: int) -> int:
        pid = _participant_id(participant)
        if isinstance(change, bool) or not isinstance(change, int) or change == 0:
            raise errors.InvalidValue(field="dots", value=str(change)[:20])

        def work(tx: Tx) -> int:
            head = tx.one("SELECT status FROM workshops WHERE id = :w", {"w": self.id})
            if head is None:
                raise errors.UnknownWorkshop(code=self.code)
            rules = self.ctx.settings(SETTINGS, tx)
            if head["status"] != Status.OPEN or not rules.voting_open:
                raise VotingClosed()
            lock = "" if self._db.is_sqlite else " FOR UPDATE"
            if tx.one("SELECT id FROM participants WHERE workshop_id = :w AND id = :p" + lock,
                      {"w": self.id, "p": pid}) is None:
                raise errors.UnknownParticipant()
            theme = self.workshop.ideas.find_theme(tx, str(theme_id))
            if theme is None or not theme.selected:
                raise NotACandidate()
            mine: dict[str, int] = {r["theme_id"]: r["dots"] for r in tx.rows(
                "SELECT theme_id, dots FROM votes WHERE workshop_id = :w AND "
                "participant_id = :p", {"w": self.id, "p": pid})}
            here = mine.get(str(theme_id), 0) + change
            used = sum(mine.values()) + change
            budget, cap = rules.dots_per_participant, rules.max_dots_per_theme
            if here < 0:
                raise NoDotsThere()
            if change > 0 and used > budget:
                raise OverBudget(budget=budget, count=budget)
            if change > 0 and cap is not None and here > cap:
                raise OverThemeCap(cap=cap, count=cap)
            tx.run("DELETE FROM votes WHERE workshop_id = :w AND participant_id = :p AND "
                   "theme_id = :t", {"w": self.id, "p": pid, "t": str(theme_id)})
            if here:
                tx.run("INSERT INTO votes (workshop_id, participant_id, theme_id, dots) VALUES "
                       "(:w, :p, :t, :d)", {"w": self.id, "p": pid, "t": str(theme_id),
                                            "d": here})
            bump(tx, self.id, topics.VOTES, owner=pid)
            return budget - used

        return self._db.write(work)

    @overload
    def votes(self, participant: None = None) -> list[Row]: ...
    @overload
    def votes(self, participant: ParticipantRef) -> dict[str, int]: ...

    def votes(self, participant: ParticipantRef | None = None) -> dict[str, int] | list[Row]:
        """One participant's dots per theme; without a participant, every vote row."""
        if participant is None:
            return self._db.read("SELECT participant_id, theme_id, dots FROM votes WHERE "
                                 "workshop_id = :w ORDER BY participant_id, theme_id",
                                 {"w": self.id})
        rows = self._db.read("SELECT theme_id, dots FROM votes WHERE workshop_id = :w AND "
                             "participant_id = :p", {"w": self.id,
                                                     "p": _participant_id(participant)})
        return {r["theme_id"]: r["dots"] for r in rows}

    def rankings(self) -> dict[str, list[dict[str, Any]]]:
        """Per weighting ("none", then "sector"): one row per candidate theme in rank order
        (`logic.tally_rows`' keys: rank, theme_id, score and the dots of each sector), the
        candidates nobody gave a dot last, with 0. What the board and the console draw."""
        from kit.steps.voting.logic import SECTORS, tally_rows

        votes = [(v["participant_id"], v["theme_id"], v["dots"]) for v in self.votes()]
        sector_of = {p.id: p.sector.value for p in self.workshop.participants()}
        themes = self.workshop.ideas.themes()
        out: dict[str, list[dict[str, Any]]] = {}
        for weighting in ("none", "sector"):
            result = tally_rows(votes, sector_of, weighting)
            counted = {r["theme_id"] for r in result}
            last = max((r["rank"] for r in result), default=0) + 1
            result += [{"theme_id": th.id, "score": 0, "rank": last,
                        **dict.fromkeys(SECTORS, 0)}
                       for th in themes if th.selected and th.id not in counted]
            out[weighting] = result
        return out

    def voters(self) -> int:
        rows = self._db.read("SELECT COUNT(DISTINCT participant_id) AS n FROM votes WHERE "
                             "workshop_id = :w", {"w": self.id})
        return int(rows[0]["n"])

    def set_discussion(self, theme_id: str, needs: str = "", use_each_other: str = "",
                       team: str = "") -> None:
        """The room's discussion of the guiding questions for one theme (facilitator or scribe)."""
        clean = {k: clean_text(v, field=k, max_length=MAX_DESCRIPTION, required=False,
                               multiline=True)
                 for k, v in (("needs", needs), ("use_each_other", use_each_other),
                              ("team", team))}

        def work(tx: Tx) -> None:
            self.workshop.ideas.write_discussion(tx, theme_id, **clean)

        self.ctx.as_facilitator(work, ideas_topics.THEMES)

    def choose_themes(self, theme_ids: list[str], reason: str | None = None) -> None:
        """The themes that go on to working groups (all others are un-chosen); `reason`,
        when given, is why the choice departs from the vote's order (see `choice_reason`)."""
        why = None if reason is None else clean_text(
            reason, field="choice_reason", max_length=MAX_REASON, required=False,
            multiline=True)

        def work(tx: Tx) -> None:
            self.workshop.ideas.mark_chosen(tx, [str(i) for i in theme_ids])
            if why is not None:
                tx.run(SETTINGS.upsert("choice_reason"), {"choice_reason": why, "w": self.id})

        self.ctx.as_facilitator(work, ideas_topics.THEMES, Topic.WORKSHOP)

    def set_choice_reason(self, reason: str) -> None:
        """Why the chosen themes are not simply the vote's first ones (facilitator); the
        report and the management brief print it where the choice departs from the vote."""
        why = clean_text(reason, field="choice_reason", max_length=MAX_REASON,
                         required=False, multiline=True)
        self.ctx.set_settings(SETTINGS, {"choice_reason": why}, Topic.WORKSHOP)

    def choice_reason(self) -> str:
        """The facilitator's reason for the choice of themes ("" when none was written)."""
        return self.ctx.settings(SETTINGS).choice_reason
