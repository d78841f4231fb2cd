"""The friend programme's documents: an introduction letter per new pair (Word, in Danish and
then in the household's language when the kit speaks it: English, Ukrainian or Arabic) with
who they are, how to reach each other, what they share and the first meeting agreed; and a
monthly status workbook per municipality (Excel, printed as the kit's other workbooks) with
counts, the waiting list and the friendships, with no name and no contact in it.

Both read the tovholder's store (`partnership.friends`), through the kit's document helpers
(`kit.reports._docx`, `kit.reports._xlsx`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kit.i18n import t
from kit.steps.friends.model import FriendStatus, Household, Volunteer

if TYPE_CHECKING:
    from kit.steps.friends.store import FriendsStore

LETTER_LANGUAGES = ("uk", "ar", "en")
"""The household's languages a letter is also written in, in this order of preference."""


@dataclass(frozen=True)
class _About:
    """What a document's footer and metadata name: the programme, its municipality, a date."""

    title: str
    municipality: str
    date: str


def letter_language(household: Household) -> str | None:
    """The language besides Danish a household's letter is written in, if any."""
    spoken = set(household.languages.split(","))
    return next((x for x in LETTER_LANGUAGES if x in spoken), None)


def _shared(household: Household, volunteer: Volunteer, language: str) -> tuple[str, str]:
    """The languages and the interests a pair shares, in words of `language`."""
    from kit.steps.friends.logic import _listed, language_name
    from kit.steps.friends.signup import matching_languages

    mine = set(matching_languages(household.languages, household.danish_level).split(","))
    theirs = set(matching_languages(volunteer.languages, volunteer.danish_level).split(","))
    languages = tuple(language_name(x, language) for x in sorted(mine & theirs - {""}))
    likes = tuple(t(f"friends.interest.{x}", language) for x in sorted(
        set(household.interests.split(",")) & set(volunteer.interests.split(",")) - {""}))
    return (_listed(languages, language) if languages else "",
            _listed(likes, language) if likes else "")


def _side(language: str, table: Any) -> None:
    """A table of a right-to-left language's section runs right to left: labels at the
    right (Word's `bidiVisual`)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    from kit.i18n import is_rtl

    properties = table._tbl.tblPr
    if is_rtl(language) and properties.find(qn("w:bidiVisual")) is None:
        properties.append(OxmlElement("w:bidiVisual"))


def month_name(month: str, language: str) -> str:
    """"2027-02" as a reader says it: "februar 2027" (CLDR's stand-alone month)."""
    from babel.dates import format_date

    from kit.i18n import locale

    return str(format_date(dt.date.fromisoformat(f"{month}-01"), "LLLL y",
                           locale=locale(language)))


def introduction_letter(friends: FriendsStore, friendship_id: str,
                        today: dt.date | None = None) -> bytes:
    """The letter introducing an accepted pair to each other (.docx): in Danish, then, on a
    page of its own, in the household's language when it is English, Ukrainian or Arabic."""
    from docx.enum.text import WD_BREAK

    from kit.reports import _docx as docx

    pair = friends.friendship(friendship_id)
    if pair.status not in (FriendStatus.INTRODUCED, FriendStatus.ACTIVE):
        from kit.steps.friends.errors import FriendsWrongStatus

        raise FriendsWrongStatus(current=pair.status.value,
                                 wanted=FriendStatus.INTRODUCED.value)
    household = next((h for h in friends.households(withdrawn=True)
                      if h.id == pair.refugee_id), None)
    volunteer = next((v for v in friends.volunteers(withdrawn=True)
                      if v.id == pair.volunteer_id), None)
    if household is None or volunteer is None:   # purged since
        from kit.steps.friends.errors import UnknownSignUp

        raise UnknownSignUp()
    state = friends.partnership.state()
    day = (today or dt.date.today()).isoformat()
    about = _About(state.name, state.municipality, day)
    languages = ["da", *([x] if (x := letter_language(household)) else [])]
    doc = docx.new_document(about, "da", t("friends.letter.title", "da"))
    for n, L in enumerate(languages):
        if n:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        docx.title(doc, t("friends.letter.title", L), state.name)
        docx.paragraph(doc, t("friends.letter.intro", L, programme=state.name))
        docx.heading(doc, t("friends.letter.volunteer", L), 2)
        _side(L, docx.fields_table(doc, [
            (t("friends.letter.name", L), volunteer.name),
            (t("friends.letter.contact", L), volunteer.contact),
            (t("friends.letter.organisation", L), volunteer.organisation)]))
        docx.heading(doc, t("friends.letter.household", L), 2)
        _side(L, docx.fields_table(doc, [
            (t("friends.letter.contact", L), household.contact),
            (t("friends.letter.people", L), t("friends.letter.people_count", L,
                                               adults=household.adults,
                                               children=household.children))]))
        languages_shared, interests_shared = _shared(household, volunteer, L)
        docx.heading(doc, t("friends.letter.common", L), 2)
        docx.paragraph(doc, t("friends.letter.languages", L, languages=languages_shared))
        if interests_shared:
            docx.paragraph(doc, t("friends.letter.interests", L, interests=interests_shared))
        docx.heading(doc, t("friends.letter.meeting", L), 2)
        docx.paragraph(doc, pair.first_meeting or t("friends.letter.meeting_open", L))
        docx.heading(doc, t("friends.letter.advice", L), 2)
        for key in ("often", "checkins", "help"):
            docx.paragraph(doc, t(f"friends.letter.{key}", L), "List Bullet")
    return docx.to_bytes(doc)


def status_workbook(friends: FriendsStore, municipality: str, month: str | None = None,
                    language: str = "da", today: dt.date | None = None) -> bytes:
    """The month's status of one municipality (.xlsx, `month` as "2027-03", this month by
    default): key figures, the waiting list, the volunteers' places per organisation, the
    friendships and the six-month share per quarter. Counts and ids only: no name, no
    contact, so it can go to whoever follows the programme."""
    from kit.core.model import Category
    from kit.reports._xlsx import Sheet, workbook
    from kit.steps.friends.logic import language_name

    L = language
    today = today or dt.date.today()
    month = month or today.isoformat()[:7]
    dt.date.fromisoformat(f"{month}-01")   # a month that is none raises ValueError here
    households = [h for h in friends.waiting() if h.municipality == municipality]
    pairs = [f for f in friends.friendships() if f.municipality == municipality]
    volunteers = [v for v in friends.volunteers() if v.municipality == municipality]
    busy: dict[str, int] = {}
    for f in friends.friendships():
        if f.status in (FriendStatus.INTRODUCED, FriendStatus.ACTIVE):
            busy[f.volunteer_id] = busy.get(f.volunteer_id, 0) + 1
    waited = [(today - dt.date.fromisoformat(h.waiting_since)).days for h in households]
    due = [c for c in friends.due_checkins(today)
           if any(f.id == c.friendship_id for f in pairs) and c.due[:7] <= month]
    share = friends.six_month_share(today)
    share = share[share["municipality"] == municipality]

    def count(status: FriendStatus) -> int:
        return sum(1 for f in pairs if f.status == status)

    def x(key: str) -> str:
        return t(f"friends.xl.{key}", L)

    figures = [
        (x("waiting"), len(households)),
        (x("longest"), max(waited, default=0)),
        (x("volunteers"), len(volunteers)),
        (x("places_free"), sum(max(v.capacity - busy.get(v.id, 0), 0) for v in volunteers)),
        (x("proposed"), count(FriendStatus.PROPOSED)),
        (x("introduced"), count(FriendStatus.INTRODUCED)),
        (x("active"), count(FriendStatus.ACTIVE)),
        (x("started_month"), sum(1 for f in pairs if f.active_on[:7] == month)),
        (x("ended_month"), sum(1 for f in pairs if f.ended_on[:7] == month)),
        (x("checkins_due"), len(due)),
        (x("six_months"), f"{int(share['reached'].sum())} / {int(share['decided'].sum())}"),
    ]
    waiting_rows = [
        (h.id, h.postcode, ", ".join(language_name(c, L) for c in h.languages.split(",") if c),
         t(f"friends.xl.level_{h.danish_level.value}", L), h.adults, h.children,
         ", ".join(t(f"category.{Category(c).value}", L) for c in h.help_wanted.split(",")
                   if c), h.waiting_since, days)
        for h, days in sorted(zip(households, waited, strict=True), key=lambda p: -p[1])]
    organisations: dict[str, list[int]] = {}
    for v in volunteers:
        row = organisations.setdefault(v.organisation, [0, 0, 0])
        row[0] += 1
        row[1] += v.capacity
        row[2] += max(v.capacity - busy.get(v.id, 0), 0)
    pair_rows = [(f.id, t(f"friends.status.{f.status.value}", L), f.proposed_on,
                  f.introduced_on, f.active_on, f.ended_on,
                  t(f"friends.end.{f.end_reason}", L) if f.end_reason else "")
                 for f in pairs if f.status != FriendStatus.REJECTED]
    share_rows = [(q, int(s), int(d), int(r), "" if d == 0 else f"{r / d:.0%}")
                  for q, s, d, r in zip(share["quarter"], share["started"], share["decided"],
                                        share["reached"], strict=True)]
    sheets = [
        Sheet(x("sheet_status"), [x("figure"), x("value")], figures),
        Sheet(x("sheet_waiting"), [x("id"), t("friends.field.postcode", L),
                                   t("friends.field.languages", L),
                                   t("friends.field.danish_level", L), x("adults"),
                                   x("children"), x("help"), x("since"), x("days")],
              waiting_rows, frozenset({7})),
        Sheet(x("sheet_organisations"), [t("friends.field.organisation", L), x("volunteers"),
                                         x("places"), x("places_free")],
              [(k, *v) for k, v in sorted(organisations.items())]),
        Sheet(x("sheet_friendships"), [x("id"), x("status"), x("proposed_on"),
                                       x("introduced_on"), x("active_on"), x("ended_on"),
                                       x("end_reason")],
              pair_rows, frozenset({2, 3, 4, 5})),
        Sheet(x("sheet_six"), [x("quarter"), x("started"), x("decided"), x("reached"),
                               x("share")], share_rows),
    ]
    title = t("friends.xl.title", L, municipality=municipality,
              month=month_name(month, L))
    return workbook(sheets, author=municipality, title=title)
