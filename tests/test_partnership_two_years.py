"""Issue 27, done when: a partnership run through two workshops a year apart, end to end.

Workshop 1 (the sample) is held and closed; the partnership's overview page and needs form
still answer on a real server; a second needs round is compared with the first; workshop 2
starts with the register, offers, groups and fora of workshop 1; a forum meeting is recorded
with attendance, minutes and two actions, and the next agenda lists the open ones; the
agreement has its period and review date, printed without a blank; an invitation letter is
written and an invitee answers the RSVP page in Chromium; export → import carries the whole
partnership.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from test_screens import PHONE, WAIT_MS

import kit
from kit import exchange
from kit.i18n import t
from kit.steps.needs.model import Respondent

from helpers import SAMPLE, until

pytestmark = pytest.mark.browser


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def _answer(workshop, area: str, respondent: Respondent, standalone: bool) -> None:
    workshop.needs.answer({"sværest": [area], "mangler": [area]}, language="da",
                          respondent=respondent, standalone=standalone)


def test_a_partnership_through_two_workshops_a_year_apart(browser, server, tmp_path):
    store = kit.open_store(server["url"])
    base = server["public"].rstrip("/")

    # -- year 1: the sample workshop, with a needs round of its own, then closed ------------
    w1 = kit.import_workshop(SAMPLE, store)
    partnership = w1.partnership  # the facilitator's handle: the coordinator's rights
    partnership.rename("Sammen om modtagelsen i Bakkeby")
    partnership.open_needs_round("efterår 2026")
    for _ in range(3):
        _answer(w1, "bolig", Respondent.REFUGEE, standalone=False)
    _answer(w1, "sprog", Respondent.VOLUNTEER, standalone=False)
    w1.close()
    assert w1.state().status == "closed"

    # the day ended, the partnership did not: its public pages answer, joining does not
    public = partnership.public_code
    assert len(public) >= 10 and public != w1.code
    status, html = _get(f"{base}/overview/{public}")
    assert status == 200 and "Bakkeby" in html
    status, html = _get(f"{base}/needs/{public}?lang=uk")
    assert status == 200 and 'name="_xsrf"' in html
    with pytest.raises(kit.KitError):
        store.public_workshop(w1.code)

    # -- half a year on: round 2, answered on the page after the workshop closed -------------
    partnership.open_needs_round("forår 2027")
    for _ in range(2):
        _answer(w1, "bolig", Respondent.REFUGEE, standalone=True)
    for _ in range(2):
        _answer(w1, "arbejde", Respondent.REFUGEE, standalone=True)
    _answer(w1, "arbejde", Respondent.STAFF, standalone=True)
    rounds = partnership.needs_comparison()
    # (the sample's own answers are a month round of their own, "2026-11")
    assert [r.round.label for r in rounds][-2:] == ["efterår 2026", "forår 2027"]
    first, second = rounds[-2:]
    assert (first.refugees, first.volunteers) == (3, 1)
    assert (second.refugees, second.staff) == (4, 1)  # staff counted apart
    need = {a.category.value: a.need for a in second.areas}
    assert need["bolig"] == pytest.approx(0.5) and need["arbejde"] == pytest.approx(0.5)
    # housing named by every refugee in round 1, by half in round 2: round against round
    assert second.moved["bolig"] == pytest.approx(-0.5)

    # -- year 2: the next workshop starts from the last -----------------------------------
    w2 = partnership.create_workshop("Sammen om modtagelsen 2027", "2027-11-22")
    assert w2.state().partnership_id == partnership.id
    assert [s.id for s in partnership.workshops()] == [w1.id, w2.id]
    assert w2.public_code == public  # the posters of last year still work
    assert {a.id for a in w2.prepare.actors()} == {a.id for a in w1.prepare.actors()}
    offers = w2.timeline.cards()
    assert offers and all(c.carried for c in offers)
    assert {c.id for c in offers} == {c.id for c in w1.timeline.cards() if not c.retired}
    assert {g.id for g in w2.groups()} == {g.id for g in w1.groups()
                                           if g.status.value != "closed"}
    assert {f.id for f in w2.follow_up.fora()} == {f.id for f in w1.follow_up.fora()}
    assert store.public_page_workshop(public).id == w2.id  # the pages show the latest

    # -- a forum meets: attendance, minutes, two actions; the next agenda carries them ----
    forum = w2.follow_up.fora()[0]
    fora = w2.partnership.fora
    meeting = fora.plan_meeting(forum.id, "2027-12-02", "17:00", "19:00", "Biblioteket")
    fora.add_attendee(meeting.id, "Mette Hansen", "kommune", "Jobcentret", "leder")
    fora.add_attendee(meeting.id, "Ali Hassan", "flygtning", "Syrisk Forening")
    fora.set_minutes(meeting.id, "Vi gennemgik velkomstpakken og aftalte næste skridt.")
    fora.add_decision(meeting.id, "Velkomstpakken oversættes til ukrainsk")
    one = fora.add_action(meeting.id, "Oversæt velkomstpakken", "Ali Hassan", "2028-01-15")
    two = fora.add_action(meeting.id, "Book lokale til caféen", "Mette Hansen", "2027-12-20")
    nxt = fora.plan_meeting(forum.id, "2028-02-03", "17:00", "19:00", "Biblioteket")
    carried = [a.id for item in fora.agenda(nxt.id) for a in item.actions]
    assert sorted(carried) == sorted([one.id, two.id])
    fora.set_action_done(two.id)
    assert [a.id for item in fora.agenda(nxt.id) for a in item.actions] == [one.id]
    assert sorted(p.name for p in fora.attendance(meeting.id)) == ["Ali Hassan", "Mette Hansen"]

    # -- the agreement's period and review date are stored -----------------------------------
    partnership.set_agreement("2027-01-01", "2028-12-31", "2028-06-30")
    state = partnership.state()
    assert (state.agreement_start, state.agreement_end, state.agreement_review) == (
        "2027-01-01", "2028-12-31", "2028-06-30")
    # ... and printed in the forum's partnership agreement, with no blank line for them
    import io

    import docx

    from kit.steps.follow_up.report import forum_document

    agreement = docx.Document(io.BytesIO(forum_document(w2, forum.id, "agreement", "da")))
    lines = [" ".join(p.text.split()) for p in agreement.paragraphs]
    lines += [" ".join(c.text.split()) for table in agreement.tables
              for row in table.rows for c in row.cells]
    said = " | ".join(lines)
    assert "1. januar 2027" in said and "31. december 2028" in said and "30. juni 2028" in said
    dated = [x for x in lines if x.startswith(("Aftalen gælder", "Næste evaluering"))]
    assert len(dated) >= 3 and not [x for x in dated if "___" in x], dated

    # -- invitations: a letter, and an answer from a phone's Chromium -------------------------
    w2.invites.set_details(purpose="Vi ser på, hvad der er sket siden sidst, og hvad nu.",
                           place="Rådhuset", hours="17.00–20.00")
    actor = next(a for a in w2.prepare.actors() if a.sector.value == "flygtning")
    rsvp = w2.invites.invite(actor.id, "ar")
    from kit.steps.prepare.letter import invitation_letter

    letter = invitation_letter(w2, actor, rsvp, server["public"])
    assert letter[:2] == b"PK" and len(letter) > 5000  # a Word file
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{base}/rsvp/{rsvp.token}")
    label = re.escape(t("rsvp.reply.yes", "ar"))
    page.get_by_role("button", name=re.compile(f"^{label}( ✓)?$")).click()
    assert until(lambda: next(r for r in w2.invites.rsvps() if r.id == rsvp.id).answer
                 == "yes")
    page.close()

    # -- export → import carries the whole partnership ----------------------------------------
    path = exchange.export_partnership(partnership, tmp_path / "samarbejde.xlsx")
    other = kit.open_store("sqlite://")
    again = exchange.import_partnership(other, path)
    before, after = partnership.rows(), again.rows()
    assert after.partnership == before.partnership
    assert after.owned == before.owned and after.owned["forum_actions"]
    assert len(after.workshops) == 2
    for old, new in zip(before.workshops, after.workshops, strict=True):
        for sheet, rows in old.items():
            key = exchange.KEYS.get(sheet, ("id",))

            def order(r, key=key):
                return tuple(str(r.get(k)) for k in key)

            assert sorted(new[sheet], key=order) == sorted(rows, key=order), sheet
    assert [s.title for s in again.workshops()] == [s.title for s in partnership.workshops()]
    assert again.public_code == public
