"""The timeline step in the apps, without a browser: phones add cards, the board draws them,
the facilitator reviews, bulk-adds and downloads the overview."""

from __future__ import annotations

import base64
import html
import io
import re

from openpyxl import load_workbook

from kit.model import Phase, Verdict
from kit.steps.timeline import facilitator as review
from kit.steps.timeline.board import timeline_html
from kit.ui.board import BoardApp
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

URL = "http://192.0.2.10:8866/"


def phone(store, code, name, sector, org=""):
    app = ParticipantApp(store, code=code)
    app.name_input.value, app.sector_input.value = name, sector
    app.organisation_input.value = org
    app.join_button.click()
    return app


def fill(form, title, category, weeks, owner=None):
    form.title.value = title
    form.category.value = category
    form.weeks.value = weeks
    if owner is not None:
        form.owner.value = owner
    form.save.click()


def test_cards_from_phones_reach_board_and_review(store):
    fac = FacilitatorApp(store, URL)
    w = fac.create("Modtagelse", "Aarhus")
    anna = phone(store, w.code, "Anna", "kommune", "Borgerservice")
    bo = phone(store, w.code, "Bo", "civilsamfund", "Røde Kors")
    board = BoardApp(store, w.code, URL)
    fac.next_button.click()
    for app in (anna, bo, board):
        app.live.poll()
    assert anna.card_form.root in anna.step_area.children
    assert anna.card_form.owner.value == "Borgerservice"
    fill(anna.card_form, "Møbelindsamling til familier", "bolig", (0, 4))
    fill(bo.card_form, "Indsamling af møbler", "bolig", (2, 6))
    fill(bo.card_form, "<script>alert(1)</script>", "sprog", (1, 26))
    assert "kit-error\">" in bo.card_form.message.value or "Kortet" in bo.card_form.message.value
    assert len(w.timeline.cards()) == 3
    assert len(bo.card_form.mine.children) == 2 and len(anna.card_form.mine.children) == 1
    board.live.poll()
    assert board.timeline in board.step.children
    assert "Møbelindsamling til familier" in board.timeline.value
    assert "<script>alert(1)</script>" not in board.timeline.value
    assert html.escape("<script>alert(1)</script>") in board.timeline.value
    assert 'class="kit-tl-card kommune"' in board.timeline.value
    assert 'class="kit-tl-card civilsamfund"' in board.timeline.value
    assert " kit-tl-mark-" not in board.timeline.value   # nothing highlighted before review

    fac.refresh()
    fac.review.review_button.click()
    assert w.state().review_open
    texts = [row.children[0].value for row in fac.review.findings.children]
    dup = [x for x in texts if "samme tilbud" in x]
    assert dup and "Møbelindsamling til familier" in dup[0]
    board.live.poll()
    assert " kit-tl-mark-duplicate\"" in board.timeline.value
    assert "samme tilbud" in board.findings.value

    key = next(f.key for f in review.findings(w.timeline.cards(), {}, "da")
               if f.kind == "duplicate")
    row = next(r for r in fac.review.findings.children if "samme tilbud" in r.children[0].value)
    row.children[1].children[1].click()   # dismiss
    assert w.timeline.verdicts()[key] is Verdict.DISMISSED
    board.live.poll()
    assert " kit-tl-mark-duplicate\"" not in board.timeline.value


def test_participant_edits_and_deletes_only_their_own(store):
    fac = FacilitatorApp(store, URL)
    w = fac.create("Modtagelse", "Aarhus")
    fac.set_phase(Phase.TIMELINE)
    anna = phone(store, w.code, "Anna", "kommune")
    fill(anna.card_form, "Modtagesamtale", "koordinering", (0, 1), owner="Integration")
    card = w.timeline.cards()[0]
    anna.card_form.edit(card)
    anna.card_form.weeks.value = (0, 3)
    anna.card_form.save.click()
    assert w.timeline.card(card.id).end_week == 3 and len(w.timeline.cards()) == 1
    anna.card_form.title.value = ""
    anna.card_form.save.click()
    assert "title" in anna.card_form.message.value   # refused, with a message
    assert len(w.timeline.cards()) == 1
    delete = anna.card_form.mine.children[0].children[1].children[1]
    delete.click()
    assert w.timeline.cards() == []


def test_facilitator_bulk_paste_and_overview_download(store):
    fac = FacilitatorApp(store, URL)
    w = fac.create("Modtagelse", "Aarhus")
    fac.set_phase(Phase.TIMELINE)
    fac.review.bulk.value = ("Boligtildeling\tIntegration\tkommune\tbolig\t-8\t-2\n"
                             "Sprogcafé;Lektiecaféen;civilsamfund;sprog;2;26\n\n")
    fac.review.bulk_button.click()
    assert len(w.timeline.cards()) == 2 and "2 kort" in fac.review.message.value
    fac.review.bulk.value = "Dårlig\tX\tkommune\tmad\t1\t2"
    fac.review.bulk_button.click()
    assert "Række 1" in fac.review.message.value and len(w.timeline.cards()) == 2
    fac.refresh()
    link = fac.review.download.value
    data = base64.b64decode(re.search(r"base64,([^\"]+)", link).group(1))
    sheet = load_workbook(io.BytesIO(data)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "Før ankomst" in values and "Sprogcafé" in values and "Boligtildeling" in values


def test_timeline_html_lanes_and_stacking():
    from kit.model import Card, Category, Sector

    cards = [Card(f"c{i}", f"Kort {i}", "Ejer", Sector.KOMMUNE, Category.BOLIG, 0, 5)
             for i in range(3)]
    by_category = timeline_html(cards, "da")
    assert by_category.count('class="kit-tl-card kommune"') == 3
    rows = set(re.findall(r'kit-tl-card kommune"[^>]*grid-row:(\d+);', by_category))
    assert len(rows) == 3   # overlapping cards stack in separate rows
    by_sector = timeline_html(cards, "en", lanes="sector")
    assert "Municipality" in by_sector and "Housing" not in by_sector
