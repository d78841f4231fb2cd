"""Issue 27, items 2 and 3: the needs check outlives the workshop day. Rounds are the
partnership's (opened and closed by its coordinator), answers from every workshop and from
the standalone page after a workshop closed count in their round, who answered is asked and
the refugees are counted apart from staff and volunteers; an archived partnership's page
takes nothing. On every kind of store."""

from __future__ import annotations

import pytest

import kit
from kit import errors
from kit.core.model import Category
from kit.steps.needs.logic import compare, month_label, month_span
from kit.steps.needs.model import NeedAnswer, NeedRound, Question, Respondent

BOLIG, SPROG = Category.BOLIG, Category.SPROG


def _answers(partnership):
    return sum(len(partnership.store.facilitate(s.id).rows()["need_answers"])
               for s in partnership.workshops())


def test_two_workshops_a_year_apart_compare_round_against_round(any_store):
    p = any_store.create_partnership("Velkomst i Assens", "Assens")
    first = p.create_workshop("Workshop 2026", "2026-11-20")
    p.open_needs_round("efterår 2026")
    # in the workshop: phones (not asked who) and the standalone page (asked)
    first.needs.answer({"sværest": ["bolig"]})
    first.needs.answer({"sværest": ["bolig"]}, respondent="flygtning", standalone=True)
    first.needs.answer({"sværest": ["sprog"]}, respondent="medarbejder", standalone=True)
    first.close()
    # the day is over: the phones' way is shut, the page's stays open
    with pytest.raises(errors.WorkshopClosed):
        first.needs.answer({"sværest": ["bolig"]})
    visitor = any_store.public_page_workshop(p.public_code)
    assert visitor.id == first.id
    visitor.needs.answer({"sværest": ["bolig", "sprog"]}, respondent="flygtning",
                         standalone=True)
    # the coordinator opens the next round; the one open until now closes
    spring = p.open_needs_round("forår 2027")
    assert [(r.label, r.open) for r in p.needs_rounds()] == [
        ("efterår 2026", False), ("forår 2027", True)]
    assert spring.open and spring.label == "forår 2027"
    visitor.needs.answer({"sværest": ["sprog"]}, respondent="flygtning", standalone=True)
    second = p.create_workshop("Workshop 2027", "2027-11-20")
    second.needs.answer({"sværest": ["sprog"], "mangler": ["sprog"]})
    second.needs.answer({"sværest": ["bolig"]}, respondent="frivillig", standalone=True)

    autumn, later = p.needs_comparison()
    assert (autumn.round.label, autumn.refugees, autumn.staff, autumn.volunteers,
            autumn.unsaid) == ("efterår 2026", 2, 1, 0, 1)
    assert (later.round.label, later.refugees, later.staff, later.volunteers,
            later.unsaid) == ("forår 2027", 1, 0, 1, 1)
    need = {a.category: a.need for a in autumn.areas}
    # the refugees' (and the not-asked) three answers: all three named housing, one language
    assert need[BOLIG] == pytest.approx(1.0) and need[SPROG] == pytest.approx(1 / 3)
    # the staff member's "language" is counted apart, not in the refugees' share
    assert {a.category: a.hardest for a in autumn.others}[SPROG] == 1
    assert later.moved[BOLIG] == pytest.approx(-1.0)
    assert later.moved[SPROG] == pytest.approx(2 / 3)
    # the workshop handles see the same partnership-wide rounds
    assert second.needs.rounds() == first.needs.rounds() == ["efterår 2026", "forår 2027"]
    assert {a.category: a.need for a in second.needs.by_area()}[SPROG] == pytest.approx(1.0)
    assert {a.category: a.need for a in second.needs.by_area("efterår 2026")}[BOLIG] == 1.0


def test_only_the_coordinator_opens_and_closes_rounds_and_bad_labels_change_nothing(any_store):
    p = any_store.create_partnership("Samarbejde", "Aarhus")
    w = p.create_workshop("Dag 1")
    reader = any_store.partnership(p.id)  # no coordinator key
    with pytest.raises(errors.CoordinatorOnly):
        reader.open_needs_round("forår 2027")
    with pytest.raises(errors.CoordinatorOnly):
        reader.close_needs_round()
    participant = any_store.workshop(w.code)  # a phone's handle gives no key either
    with pytest.raises(errors.CoordinatorOnly):
        participant.partnership.open_needs_round("forår 2027")
    for bad in ("", "   ", "x" * 21, None):
        with pytest.raises(errors.InvalidText):
            p.open_needs_round(bad)
    assert p.needs_rounds() == []
    # bidi controls are stripped, not stored
    made = w.partnership.open_needs_round("\u202eforår 2027")
    assert made.label == "forår 2027"
    with pytest.raises(errors.NeedsRoundExists):
        p.open_needs_round("forår 2027")
    p.close_needs_round()
    p.close_needs_round()  # nothing open: nothing happens
    assert [(r.label, r.open) for r in p.needs_rounds()] == [("forår 2027", False)]


def test_without_an_open_round_an_answer_goes_into_the_months_round(any_store):
    p = any_store.create_partnership("Samarbejde", "Aarhus")
    w = p.create_workshop("Dag 1")
    w.needs.answer({"hjælper": ["netværk"]})
    (made,) = p.needs_rounds()
    # made and left open, so the coordinator sees where the answers went
    assert made.label == month_label(made.opened_at) and made.open
    w.needs.answer({"hjælper": ["sprog"]})
    p.close_needs_round()
    w.needs.answer({"hjælper": ["bolig"]})  # the same month: into its round, nothing lost
    assert [r.respondents for r in p.needs_comparison()] == [3]
    # a named round from the past stands by its month
    w.needs.answer({"sværest": ["bolig"]}, round="2025-03")
    assert [r.label for r in p.needs_rounds()] == ["2025-03", made.label]


def test_an_archived_partnerships_page_takes_nothing_and_who_must_be_said(any_store):
    p = any_store.create_partnership("Samarbejde", "Aarhus")
    w = p.create_workshop("Dag 1")
    w.close()
    page = any_store.public_page_workshop(p.public_code)
    with pytest.raises(errors.NeedsWhoMissing):
        page.needs.answer({"sværest": ["bolig"]}, standalone=True)
    for bad in ("nobody", "<script>", "flygtning\u202e"):
        with pytest.raises(errors.InvalidValue):
            page.needs.answer({"sværest": ["bolig"]}, respondent=bad, standalone=True)
    assert _answers(p) == 0
    p.archive()
    with pytest.raises(errors.UnknownWorkshop):
        any_store.public_page_workshop(p.public_code)
    # a page opened before the archiving: its post is refused in the store
    with pytest.raises(errors.PartnershipArchived):
        page.needs.answer({"sværest": ["bolig"]}, respondent="flygtning", standalone=True)
    assert _answers(p) == 0 and p.needs_rounds() == []
    p.unarchive()
    page.needs.answer({"sværest": ["bolig"]}, respondent="flygtning", standalone=True)
    assert _answers(p) == 1


def test_exported_answers_keep_their_round_and_who_answered(any_store, tmp_path):
    p = any_store.create_partnership("Samarbejde", "Aarhus")
    w = p.create_workshop("Dag 1")
    p.open_needs_round("forår 2027")
    w.needs.answer({"sværest": ["bolig"]}, respondent="frivillig", standalone=True)
    again = kit.import_workshop(kit.export_workshop(w, tmp_path / "w.xlsx"),
                                kit.open_store("sqlite://"))
    (found,) = again.partnership.needs_comparison()
    assert (found.round.label, found.volunteers, found.refugees) == ("forår 2027", 1, 0)
    assert {a.respondent for a in again.needs.answers()} == {Respondent.VOLUNTEER}
    # the round stands for the imported partnership: its name cannot be taken again
    with pytest.raises(errors.NeedsRoundExists):
        again.partnership.open_needs_round("forår 2027")


def _a(response, question, category, round_, who):
    return NeedAnswer(f"{response}{question}{category}", response, round_, Question(question),
                      Category(category), respondent=Respondent(who))


def test_compare_counts_people_by_kind_and_skips_empty_rounds():
    rounds = [NeedRound("r1", "a", 1.0, 2.0), NeedRound("r2", "b", 3.0, 4.0),
              NeedRound("r3", "c", 5.0)]
    answers = [_a("x", "sværest", "bolig", "a", "flygtning"),
               _a("x", "mangler", "bolig", "a", "flygtning"),
               _a("y", "sværest", "sprog", "a", "medarbejder"),
               _a("z", "sværest", "sprog", "c", "flygtning"),
               _a("q", "sværest", "bolig", "elsewhere", "flygtning")]  # in no round listed
    a, b, c = compare(rounds, answers, {})
    assert (a.refugees, a.staff, a.respondents) == (1, 1, 2)
    assert {x.category: x.need for x in a.areas}[BOLIG] == 1.0
    assert {x.category: x.need for x in a.areas}[SPROG] == 0.0  # staff's pick not in it
    assert b.respondents == 0 and b.moved == {}
    # against the last round refugees answered (a), not the empty one between
    assert c.moved[BOLIG] == pytest.approx(-1.0) and c.moved[SPROG] == pytest.approx(1.0)


def test_month_labels_span_their_month():
    start, end = month_span("2026-12")
    assert month_label(start) == "2026-12" and month_label(end) == "2027-01"
    assert month_span("forår 2027") is None


def test_who_answered_reads_as_counts_and_an_unasked_round_without_noughts():
    from kit.steps.needs.logic import counts_text

    rounds = [NeedRound("r1", "a", 1.0)]
    asked = compare(rounds, [_a("x", "sværest", "bolig", "a", "flygtning"),
                             _a("y", "sværest", "bolig", "a", "frivillig")], {})[0]
    assert counts_text(asked, "da") == "Flygtninge: 1 · ansatte: 0 · frivillige: 1"
    old = NeedAnswer("o", "o", "a", Question.SVAEREST, BOLIG)  # from before the question
    unasked = compare(rounds, [old], {})[0]
    assert counts_text(unasked, "en") == (
        "1 answered before the form asked who (counted with the refugees)")


def test_first_answers_of_a_month_at_once_make_one_round(pg_url):
    """PostgreSQL runs writers side by side: four forms sent together while no round is open
    all go through, into one round of the month."""
    import threading

    stores = [kit.open_store(pg_url) for _ in range(4)]
    p = stores[0].create_partnership("Samarbejde", "Aarhus")
    w = p.create_workshop("Dag 1")
    handles = [s.workshop(w.code) for s in stores]
    together = threading.Barrier(len(handles))
    failed: list[Exception] = []

    def send(handle) -> None:
        together.wait()
        try:
            handle.needs.answer({"sværest": ["bolig"]}, respondent="flygtning", standalone=True)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            failed.append(exc)

    threads = [threading.Thread(target=send, args=(h,)) for h in handles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    (made,) = p.needs_comparison()
    assert made.refugees == 4 and made.round.open
    for s in stores:
        s.close()


def test_the_report_and_workbook_compare_the_partnerships_rounds(store):
    from kit.steps.needs.report import section
    from kit.steps.needs.workbook import workbook_sheets

    p = store.create_partnership("Samarbejde", "Aarhus")
    first = p.create_workshop("Dag 1", "2026-11-20")
    p.open_needs_round("efterår 2026")
    first.needs.answer({"sværest": ["bolig"]}, respondent="flygtning", standalone=True)
    first.needs.answer({"sværest": ["sprog"]}, respondent="medarbejder", standalone=True)
    first.close()
    p.open_needs_round("forår 2027")
    second = p.create_workshop("Dag 2", "2027-11-20")
    second.needs.answer({"sværest": ["sprog"]}, respondent="flygtning", standalone=True)
    # the second workshop's report holds both rounds, the first given at the first workshop
    tables = [b for b in section(second, "en") if b.kind == "table"]
    assert [b.text for b in tables] == [
        "Round efterår 2026 – Refugees: 1 · staff: 1 · volunteers: 0",
        "Round forår 2027 – Refugees: 1 · staff: 0 · volunteers: 0"]
    assert ("Language", "100 %", "0", "0", "+100 %", "Unmet") in tables[1].rows
    (sheet,) = workbook_sheets(second, second.rows(), "en")
    assert list(sheet.header[-3:]) == ["Refugees", "Staff", "Volunteers"]
    assert {(r[0], r[1], r[2], r[-3], r[-2]) for r in sheet.rows if r[1] == "Housing"} == {
        ("efterår 2026", "Housing", 100, 1, 1), ("forår 2027", "Housing", 0, 1, 0)}
