"""The needs check in the store: anonymous answers (from a phone in the workshop or from the
standalone page), the facilitator's reading of the free texts, and the results per area and
per round. Rounds are the partnership's (`kit.steps.needs.rounds`): the results compare them
across all its workshops.

An answer is written without any participant: the check must work for people who never
joined, and a need said once must not be traceable to whoever said it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from kit.core import errors
from kit.core.base import bump, new_id
from kit.core.context import StepStore
from kit.core.db import Tx
from kit.core.model import Category, PartnershipStatus
from kit.core.rows import Table
from kit.core.validate import clean_choice, clean_language, clean_text
from kit.steps.needs import rounds as _rounds
from kit.steps.needs import topics
from kit.steps.needs.errors import NeedsEmpty, NeedsWhoMissing, UnknownAnswer
from kit.steps.needs.logic import AreaNeed, RoundNeeds, by_area, compare, coverage
from kit.steps.needs.model import MAX_NEED_TEXT, MAX_ROUND_LABEL, NeedAnswer, Question, Respondent

ANSWERS: Table[NeedAnswer] = Table("need_answers", NeedAnswer)


class NeedsStore(StepStore):
    """The anonymous needs check, in the store (`workshop.needs`)."""

    def answer(self, picks: Mapping[Question | str, Iterable[Category | str]],
               texts: Mapping[Question | str, str] | None = None, language: str = "da",
               round: str | None = None, respondent: Respondent | str = Respondent.UNSAID,
               standalone: bool = False) -> str:
        """One filled-in form: the areas picked per question and, per question, a few words
        if given; `respondent`: who answered, as they said it. It goes into the
        partnership's open round (see `kit.steps.needs.rounds.label_for_answer`), or the
        round named `round`. Checks that the workshop is open, not its step; from the
        standalone page (`standalone`) only that the partnership is not archived, since
        closing a workshop ends the day, not the partnership; the page must say who
        answered. Returns the form's random response id."""
        language = clean_language(language)
        label = None if round is None else clean_text(round, field="round",
                                                      max_length=MAX_ROUND_LABEL)
        who = clean_choice(respondent, Respondent, field="respondent")
        if standalone and who == Respondent.UNSAID:
            # the page asks it first: who answered is what lets refugees be counted apart
            raise NeedsWhoMissing()
        response = new_id("n")
        rows: list[NeedAnswer] = []
        for question, areas in picks.items():
            q = clean_choice(question, Question, field="question")
            for area in dict.fromkeys(clean_choice(a, Category, field="category")
                                      for a in areas):
                rows.append(NeedAnswer(new_id("a"), response, "", q, area, "", language,
                                       respondent=who))
        for question, text in (texts or {}).items():
            q = clean_choice(question, Question, field="question")
            words = clean_text(text, field="text", max_length=MAX_NEED_TEXT, required=False)
            if words:
                rows.append(NeedAnswer(new_id("a"), response, "", q, None, words, language,
                                       respondent=who))
        if not rows:
            raise NeedsEmpty()

        def work(tx: Tx) -> str:
            if standalone:
                partnership_id = self._active_partnership(tx)
            else:
                self.ctx.open_check(tx)
                partnership_id = self._partnership_id(tx)
            chosen = _rounds.label_for_answer(tx, partnership_id, label)
            tx.many(ANSWERS.insert(), [ANSWERS.values(dataclasses.replace(r, round=chosen),
                                                      self.id) for r in rows])
            bump(tx, self.id, topics.NEEDS)
            return response

        return self._db.write(work)

    def _partnership_id(self, tx: Tx) -> str:
        row = tx.one("SELECT partnership_id FROM workshops WHERE id = :w", {"w": self.id})
        if row is None:
            raise errors.UnknownWorkshop(code=self.code)
        return str(row["partnership_id"])

    def _active_partnership(self, tx: Tx) -> str:
        """The workshop's partnership, unless it is archived (its pages are closed then)."""
        row = tx.one("SELECT p.id, p.status FROM workshops w JOIN partnerships p ON "
                     "p.id = w.partnership_id WHERE w.id = :w", {"w": self.id})
        if row is None:
            raise errors.UnknownWorkshop(code=self.code)
        if row["status"] != PartnershipStatus.ACTIVE.value:
            raise errors.PartnershipArchived()
        return str(row["id"])

    def answers(self, round: str | None = None) -> list[NeedAnswer]:
        """Every answer row, or one round's, oldest round first."""
        sql = "SELECT * FROM need_answers WHERE workshop_id = :w"
        if round is not None:
            sql += " AND round = :r"
        rows = self._db.read(sql + " ORDER BY round, response, question, category, id",
                             {"w": self.id, "r": round})
        return [ANSWERS.load(r) for r in rows]

    def rounds(self) -> list[str]:
        """The labels of the partnership's rounds that have answers, as they were held."""
        return [r.round.label for r in self.comparison() if r.respondents]

    def texts(self, seen: bool | None = None) -> list[NeedAnswer]:
        """The free texts (every one, or only those the facilitator has / has not read)."""
        return [a for a in self.answers() if a.text and (seen is None or a.seen == seen)]

    def mark_seen(self, answer_id: str, seen: bool = True) -> None:
        """The facilitator has read a free text: from now on the board may show it."""
        def work(tx: Tx) -> None:
            self.ctx.row(tx, "need_answers", answer_id, UnknownAnswer)
            tx.run("UPDATE need_answers SET seen = :s WHERE workshop_id = :w AND id = :i",
                   {"s": bool(seen), "w": self.id, "i": str(answer_id)})

        self.ctx.as_facilitator(work, topics.NEEDS)

    def delete_answer(self, answer_id: str) -> None:
        """Remove one answer row (a text that names someone, or does not belong)."""
        def work(tx: Tx) -> None:
            self.ctx.row(tx, "need_answers", answer_id, UnknownAnswer)
            tx.run("DELETE FROM need_answers WHERE workshop_id = :w AND id = :i",
                   {"w": self.id, "i": str(answer_id)})

        self.ctx.as_facilitator(work, topics.NEEDS)

    def by_area(self, round: str | None = None) -> list[AreaNeed]:
        """One round's needs per area as the refugees said them (the latest round with
        answers when none is named), beside the current offers on this workshop's timeline;
        `AreaNeed.gap` flags high need with few offers."""
        held = [r for r in self.comparison() if r.respondents]
        chosen = next((r for r in held if r.round.label == round), None) if round is not None \
            else (held[-1] if held else None)
        return list(chosen.areas) if chosen is not None else by_area([], self._offers())

    def comparison(self) -> list[RoundNeeds]:
        """Every round of the partnership, round against round (`logic.compare`), with the
        answers from all its workshops and its page, beside this workshop's offers."""
        partnership_id = self._db.read("SELECT partnership_id FROM workshops WHERE id = :w",
                                       {"w": self.id})
        if not partnership_id:
            raise errors.UnknownWorkshop(code=self.code)
        p = partnership_id[0]["partnership_id"]
        return compare(_rounds.rounds(self._db, p), _rounds.answers(self._db, p),
                       self._offers())

    def _offers(self) -> dict[Category, int]:
        return coverage((c.category, c.retired) for c in self.workshop.timeline.cards())
