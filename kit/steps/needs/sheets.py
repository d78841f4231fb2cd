"""The needs check's sheet of the exchange format: the anonymous answers, each with its
round's label (the rounds themselves are the partnership's, made again from the labels)."""

from __future__ import annotations

from kit.core.model import LANGUAGES, Category
from kit.core.sheets import Column, Sheet, choice, ident
from kit.steps.needs.model import MAX_NEED_TEXT, Question, Respondent

NEED_ANSWERS = Sheet("need_answers", (
    ident(), ident("response"), Column("round", max_length=20), choice("question", Question),
    Column("category", nullable=True, choices=tuple(Category)),
    Column("text", max_length=MAX_NEED_TEXT, required=False),
    Column("language", choices=LANGUAGES), Column("seen", "bool"),
    # who answered (issue 27); "" for answers from before the form asked, and in older files
    Column("respondent", choices=tuple(Respondent), required=False, optional=True),
), optional=True)
