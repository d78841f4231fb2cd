"""The needs check in the store: anonymous answers (from a phone in the workshop or from the
standalone page), the facilitator's reading of the free texts, and the results per area.

An answer is written without any participant: the check must work for people who never
joined, and a need said once must not be traceable to whoever said it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from kit.core.base import bump, new_id
from kit.core.context import StepStore
from kit.core.db import Tx
from kit.core.model import Category, Topic
from kit.core.rows import Table
from kit.core.validate import clean_choice, clean_language, clean_text
from kit.steps.needs.errors import NeedsEmpty, UnknownAnswer
from kit.steps.needs.logic import AreaNeed, by_area, coverage
from kit.steps.needs.model import MAX_NEED_TEXT, NeedAnswer, Question

ANSWERS: Table[NeedAnswer] = Table("need_answers", NeedAnswer)


def this_round() -> str:
    """The round a check made today belongs to: its month ("2026-11")."""
    return dt.date.today().isoformat()[:7]


class NeedsStore(StepStore):
    """The anonymous needs check, in the store (`workshop.needs`)."""

    def answer(self, picks: Mapping[Question | str, Iterable[Category | str]],
               texts: Mapping[Question | str, str] | None = None, language: str = "da",
               round: str | None = None) -> str:
        """One filled-in form: the areas picked per question and, per question, a few words
        if given. Only checks that the workshop is open, not its step, so the standalone
        link works between workshops. Returns the form's random response id."""
        language = clean_language(language)
        label = clean_text(round or this_round(), field="round", max_length=20)
        response = new_id("n")
        rows: list[NeedAnswer] = []
        for question, areas in picks.items():
            q = clean_choice(question, Question, field="question")
            for area in dict.fromkeys(clean_choice(a, Category, field="category")
                                      for a in areas):
                rows.append(NeedAnswer(new_id("a"), response, label, q, area, "", language))
        for question, text in (texts or {}).items():
            q = clean_choice(question, Question, field="question")
            words = clean_text(text, field="text", max_length=MAX_NEED_TEXT, required=False)
            if words:
                rows.append(NeedAnswer(new_id("a"), response, label, q, None, words, language))
        if not rows:
            raise NeedsEmpty()

        def work(tx: Tx) -> str:
            self.ctx.open_check(tx)
            tx.many(ANSWERS.insert(), [ANSWERS.values(r, self.id) for r in rows])
            bump(tx, self.id, Topic.NEEDS)
            return response

        return self._db.write(work)

    def answers(self, round: str | None = None) -> list[NeedAnswer]:
        """Every answer row, or one round's, oldest round first."""
        sql = "SELECT * FROM need_answers WHERE workshop_id = :w"
        if round is not None:
            sql += " AND round = :r"
        rows = self._db.read(sql + " ORDER BY round, response, question, category, id",
                             {"w": self.id, "r": round})
        return [ANSWERS.load(r) for r in rows]

    def rounds(self) -> list[str]:
        rows = self._db.read("SELECT DISTINCT round FROM need_answers WHERE workshop_id = :w "
                             "ORDER BY round", {"w": self.id})
        return [r["round"] for r in rows]

    def texts(self, seen: bool | None = None) -> list[NeedAnswer]:
        """The free texts (every one, or only those the facilitator has / has not read)."""
        return [a for a in self.answers() if a.text and (seen is None or a.seen == seen)]

    def mark_seen(self, answer_id: str, seen: bool = True) -> None:
        """The facilitator has read a free text: from now on the board may show it."""
        def work(tx: Tx) -> None:
            self.ctx.row(tx, "need_answers", answer_id, UnknownAnswer)
            tx.run("UPDATE need_answers SET seen = :s WHERE workshop_id = :w AND id = :i",
                   {"s": bool(seen), "w": self.id, "i": str(answer_id)})

        self.ctx.as_facilitator(work, Topic.NEEDS)

    def delete_answer(self, answer_id: str) -> None:
        """Remove one answer row (a text that names someone, or does not belong)."""
        def work(tx: Tx) -> None:
            self.ctx.row(tx, "need_answers", answer_id, UnknownAnswer)
            tx.run("DELETE FROM need_answers WHERE workshop_id = :w AND id = :i",
                   {"w": self.id, "i": str(answer_id)})

        self.ctx.as_facilitator(work, Topic.NEEDS)

    def by_area(self, round: str | None = None) -> list[AreaNeed]:
        """One round's needs per area (the latest when none is named) beside the current
        offers on the timeline; `AreaNeed.gap` flags high need with few offers."""
        rounds = self.rounds()
        chosen = round if round is not None else (rounds[-1] if rounds else "")
        offers = coverage((c.category, c.retired) for c in self.workshop.timeline.cards())
        return by_area(self.answers(chosen), offers)
