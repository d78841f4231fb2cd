"""The timeline step in the apps, without a browser: phones add cards, the board draws them,
the facilitator reviews, bulk-adds and downloads the overview."""

from __future__ import annotations

import base64
import html
import io
import re

from openpyxl import load_workbook

from kit.model import Phase, ReviewVerdict
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
    assert anna.screen("timeline").form.root in anna.step_area.children
    assert anna.screen("timeline").form.owner.value == "Borgerservice"
    fill(anna.screen("timeline").form, "Møbelindsamling til familier", "bolig", (0, 4))
    fill(bo.screen("timeline").form, "Indsamling af møbler", "bolig", (2, 6))
    fill(bo.screen("timeline").form, "<script>alert(1)</script>", "sprog", (1, 26))
    view = bo.screen("timeline").form
    assert "kit-error\">" in view.message.value or "Kortet" in view.message.value
    assert len(w.timeline.cards()) == 3
    view = bo.screen("timeline").form
    assert len(view.mine.children) == 2 and len(anna.screen("timeline").form.mine.children) == 1
    board.live.poll()
    assert board.screen("timeline").root in board.step.children
    assert "Møbelindsamling til familier" in board.screen("timeline").timeline.value
    assert "<script>alert(1)</script>" not in board.screen("timeline").timeline.value
    assert html.escape("<script>alert(1)</script>") in board.screen("timeline").timeline.value
    assert 'class="kit-tl-card kommune"' in board.screen("timeline").timeline.value
    assert 'class="kit-tl-card civilsamfund"' in board.screen("timeline").timeline.value
    view = board.screen("timeline").timeline
    assert " kit-tl-mark-" not in view.value   # nothing highlighted before review

    fac.refresh()
    fac.panel("timeline").review.review_button.click()
    assert w.state().review_open
    texts = [row.children[0].value for row in fac.panel("timeline").review.findings.children]
    dup = [x for x in texts if "samme tilbud" in x]
    assert dup and "Møbelindsamling til familier" in dup[0]
    board.live.poll()
    assert " kit-tl-mark-duplicate\"" in board.screen("timeline").timeline.value
    assert "samme tilbud" in board.screen("timeline").findings.value

    found = review.review_items(w.timeline.cards(), {}, "da")
    key = next(f.key for f in found if f.kind == "duplicate")
    view = fac.panel("timeline").review
    row = next(r for r in view.findings.children if "samme tilbud" in r.children[0].value)
    row.children[1].children[1].click()   # dismiss
    assert w.timeline.verdicts()[key] is ReviewVerdict.DISMISSED
    board.live.poll()
    assert " kit-tl-mark-duplicate\"" not in board.screen("timeline").timeline.value


def test_participant_edits_and_deletes_only_their_own(store):
    fac = FacilitatorApp(store, URL)
    w = fac.create("Modtagelse", "Aarhus")
    fac.set_phase(Phase.TIMELINE)
    anna = phone(store, w.code, "Anna", "kommune")
    view = anna.screen("timeline").form
    fill(view, "Modtagesamtale", "koordinering", (0, 1), owner="Integration")
    card = w.timeline.cards()[0]
    anna.screen("timeline").form.edit(card)
    anna.screen("timeline").form.weeks.value = (0, 3)
    anna.screen("timeline").form.save.click()
    assert w.timeline.card(card.id).end_week == 3 and len(w.timeline.cards()) == 1
    anna.screen("timeline").form.title.value = ""
    anna.screen("timeline").form.save.click()
    # refused, with a message naming the field as the phone asks it
    assert "»Hvad gør I?«" in anna.screen("timeline").form.message.value
    assert len(w.timeline.cards()) == 1
    delete = anna.screen("timeline").form.mine.children[0].children[1].children[1]
    delete.click()
    assert anna.screen("timeline").form.mine.children[0] is anna.screen("timeline").form.none
    anna.screen("timeline").undo.commit()   # stored once Undo's seconds are up
    assert w.timeline.cards() == []


def test_facilitator_bulk_paste_and_overview_download(store):
    fac = FacilitatorApp(store, URL)
    w = fac.create("Modtagelse", "Aarhus")
    fac.set_phase(Phase.TIMELINE)
    view = fac.panel("timeline").review
    view.bulk.value = ("Boligtildeling\tIntegration\tkommune\tbolig\t-8\t-2\n"
                             "Sprogcafé;Lektiecaféen;civilsamfund;sprog;2;26\n\n")
    fac.panel("timeline").review.bulk_button.click()
    assert len(w.timeline.cards()) == 2 and "2 kort" in fac.panel("timeline").review.message.value
    fac.panel("timeline").review.bulk.value = "Dårlig\tX\tkommune\tmad\t1\t2"
    fac.panel("timeline").review.bulk_button.click()
    assert "Række 1" in fac.panel("timeline").review.message.value and len(w.timeline.cards()) == 2
    fac.refresh()
    link = fac.panel("timeline").review.download.value
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


def test_a_short_bar_writes_its_title_beside_it_when_there_is_room():
    """On the board a two-week bar cut its title to "Ind…"; the title now runs into the free
    weeks to its right, and stays inside the bar (cut) when the next card leaves no room."""
    from kit.model import Card, Category, Sector

    short = Card("a", "Indskrivning i folkeregistret", "Borgerservice", Sector.KOMMUNE,
                 Category.PRAKTISK, 0, 1)
    fits = Card("b", "Sprogskole", "Sprogcenter", Sector.KOMMUNE, Category.SPROG, 0, 8)
    blocked = Card("c", "Lægeundersøgelse og vaccination", "Region", Sector.KOMMUNE,
                   Category.SUNDHED, 0, 1)
    next_to_it = Card("d", "Tandlæge", "Region", Sector.KOMMUNE, Category.SUNDHED, 2, 6)
    page = timeline_html([short, fits, blocked, next_to_it], "da")

    def card(card_id: str) -> str:
        return re.search(rf'<div class="kit-tl-card[^"]*"[^>]*data-card="{card_id}".*?</div>',
                         page).group(0)

    assert "data-beside" in card("a") and 'class="kit-tl-outside" style="width:1250%"' in card("a")
    assert "data-beside" not in card("b") and "kit-tl-outside" not in card("b")
    assert "data-beside" not in card("c")  # the next card starts the week after
