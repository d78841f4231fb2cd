"""The friend programme's documents: the introduction letter per accepted pair (Danish, then
the household's language; Arabic right to left) and the monthly status workbook per
municipality (counts and ids, no name or contact; printed as the kit's other workbooks)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from test_friends_store import TODAY, household, volunteer

from kit.errors import FriendsWrongStatus, UnknownSignUp
from kit.i18n import t
from kit.steps.friends.documents import introduction_letter, status_workbook


def accepted_pair(friends, languages):
    household(friends, contact="Zainab +45 70 70 70 70", languages=languages)
    volunteer(friends, name="Karen Holm", languages=languages, interests=["cooking"])
    [pair] = friends.propose(today=TODAY)
    friends.accept(pair.id, "Lørdag 16. januar kl. 14 på Hovedbiblioteket", today=TODAY)
    return pair


def paragraphs(data):
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [p for table in doc.tables for row in table.rows for cell in row.cells
             for p in cell.paragraphs]
    return [*doc.paragraphs, *cells]


@pytest.mark.parametrize(("spoken", "second"), [(["ar"], "ar"), (["uk"], "uk"),
                                                (["ti"], None)])
def test_the_letter_is_in_danish_and_the_households_language(store, spoken, second):
    friends = store.create_partnership("Venskaber i Aarhus", "Aarhus").friends
    pair = accepted_pair(friends, spoken)
    found = paragraphs(introduction_letter(friends, pair.id, today=TODAY))
    text = "\n".join(p.text for p in found)
    assert text.count(t("friends.letter.title", "da")) == 1
    for needed in ("Karen Holm", "karen@example.dk", "Zainab +45 70 70 70 70", "Røde Kors",
                   "Lørdag 16. januar kl. 14 på Hovedbiblioteket",
                   t("friends.interest.cooking", "da")):
        assert needed in text
    if second is None:
        assert all(t("friends.letter.title", x) not in text for x in ("en", "uk", "ar"))
        return
    assert t("friends.letter.title", second) in text
    assert t("friends.letter.languages", second, languages="") in text
    assert t("friends.interest.cooking", second) in text
    rtl = [p for p in found if p._p.pPr is not None and p._p.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None]
    assert bool(rtl) == (second == "ar")   # Arabic paragraphs run right to left
    from docx import Document

    tables = Document(io.BytesIO(introduction_letter(friends, pair.id))).tables
    sides = [table._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidiVisual")
        is not None for table in tables]
    assert sides == [False, False, second == "ar", second == "ar"]   # and so do its tables


def test_a_proposal_gets_no_letter_nor_a_purged_pair(store):
    friends = store.create_partnership("Venskaber", "Aarhus").friends
    household(friends)
    v = volunteer(friends)
    [pair] = friends.propose(today=TODAY)
    with pytest.raises(FriendsWrongStatus):
        introduction_letter(friends, pair.id)
    friends.accept(pair.id, today=TODAY)
    friends.withdraw(v, on=TODAY)
    friends.purge(6, today=dt.date(2028, 1, 1))
    with pytest.raises(UnknownSignUp):
        introduction_letter(friends, pair.id)


def test_the_monthly_workbook_counts_without_names_and_prints(store):
    from openpyxl import load_workbook

    friends = store.create_partnership("Venskaber i Aarhus", "Aarhus").friends
    pair = accepted_pair(friends, ["ar"])
    friends.set_status(pair.id, "active", on="2027-01-20")
    household(friends, contact="Olena +45 80", languages=["uk"], waiting_since="2026-10-01")
    household(friends, contact="Elsewhere", municipality="Odense", postcode="5000")
    volunteer(friends, name="Ib Berg", organisation="Venligboerne", capacity=2,
              contact="ib@example.dk")
    data = status_workbook(friends, "Aarhus", "2027-02", today=dt.date(2027, 2, 25))
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == [t(f"friends.xl.sheet_{x}", "da") for x in (
        "status", "waiting", "organisations", "friendships", "six")]
    figures = {row[0]: row[1] for row in wb.worksheets[0].iter_rows(min_row=2,
                                                                     values_only=True)}
    assert figures[t("friends.xl.waiting", "da")] == 1       # Odense's is not here
    assert figures[t("friends.xl.longest", "da")] == 147
    assert figures[t("friends.xl.active", "da")] == 1
    assert figures[t("friends.xl.places_free", "da")] == 2
    assert figures[t("friends.xl.checkins_due", "da")] == 1  # the first, due 20 February
    organisations = [r for r in wb.worksheets[2].iter_rows(min_row=2, values_only=True)]
    assert organisations == [("Røde Kors", 1, 1, 0), ("Venligboerne", 1, 2, 2)]
    waiting = list(wb.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[3]) for r in waiting] == [("ukrainsk", "ingen")]
    assert wb.properties.title == "Venskaber i Aarhus, februar 2027"
    assert isinstance(waiting[0][7], dt.datetime)            # a real date
    everything = " ".join(str(c) for ws in wb.worksheets
                          for row in ws.iter_rows(values_only=True) for c in row)
    for personal in ("Karen", "Zainab", "Olena", "Ib Berg", "example.dk", "+45"):
        assert personal not in everything
    for ws in wb.worksheets:   # printed as the kit's other workbooks
        assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$1:$1"
    with pytest.raises(ValueError):
        status_workbook(friends, "Aarhus", "2027-13")
