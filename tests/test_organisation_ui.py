"""Prepare and organise in the facilitator app, without a browser."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re

import pytest

import kit
from kit.model import Phase
from kit.ui.facilitator import FacilitatorApp

from helpers import SAMPLE

URL = "http://192.0.2.10:8866/"
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def links(html: str) -> dict[str, bytes]:
    return {name: base64.b64decode(data) for name, data in
            re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', html)}


@pytest.fixture
def app(store):
    fac = FacilitatorApp(store, URL)
    w = kit.import_workshop(SAMPLE, store)
    fac.open(w.id)
    return fac, fac.workshop


def test_register_add_import_delete_and_findings(app):
    fac, w = app
    r = fac.panel("prepare").register
    assert "Kommune 8 · civilsamfund 15 · flygtninge 2" in r.findings.value
    assert r.figure.value.startswith("<img")
    r.name.value, r.kind.value, r.sector.value = "<b>Moské</b>", "Trossamfund", "civilsamfund"
    r.add.click()
    new = next(a for a in w.prepare.actors() if a.name == "<b>Moské</b>")
    assert new.kind == "trossamfund"          # the label picked in Danish is stored as the key
    assert "&lt;b&gt;Moské&lt;/b&gt;" in r.table.value and "<b>Moské" not in r.table.value
    r.name.value = ""
    r.add.click()
    assert "kit-error" in r.message.value and "»Navn«" in r.message.value
    csv = "name;kind;sector\nBrugsforeningen;virksomhed;civilsamfund\nBad;x;firma\n"
    r.upload.value = ({"name": "aktører.csv", "content": memoryview(csv.encode()),
                       "type": "text/csv", "size": len(csv), "last_modified": NOW},)
    assert "Række 2" in r.message.value and "Brugsforeningen" not in r.table.value
    csv = "name;kind;sector\nBrugsforeningen;virksomhed;civilsamfund\n"
    r.upload.value = ({"name": "aktører.csv", "content": memoryview(csv.encode()),
                       "type": "text/csv", "size": len(csv), "last_modified": NOW},)
    assert "1 aktører er indlæst" in r.upload_help.value and "Brugsforeningen" in r.table.value
    r.pick.value = new.id
    r.delete.click()
    assert new.id not in {a.id for a in w.prepare.actors()}


def test_check_answers_give_a_recommendation(app):
    fac, w = app
    c = fac.panel("prepare").check
    # the sample answers "not sure" to room to try: something to find out, not a "no"
    assert "passer her, men" in c.fit.value and "Find ud af: er der plads" in c.fit.value
    c.answers["established_activity"].value = "yes"
    c.save.click()
    assert w.prepare.check_answers()["established_activity"] == "yes"
    assert "passer ikke" in c.fit.value and "kører allerede" in c.fit.value


def test_fora_editor_checks_and_documents(app):
    fac, w = app
    fac.set_phase(Phase.FOLLOW_UP)
    o = fac.panel("follow_up").organisation
    panel = fac.panel("follow_up")
    assert fac.step_tools.children == (panel.root,)
    assert panel.console.fold.body.children == (panel.group_tools.root, o.root,
                                                panel.meetings.root, panel.offers.root)
    assert o.figure.value.startswith("<img")
    o.pick.value = "f1"
    assert "Sammensætningen passer" in o.checks.value
    files = links(o.downloads.value)
    assert set(files) == {"kommissorium-Koordineringsforum-Bakkeby.docx",
                          "samarbejdsaftale-Koordineringsforum-Bakkeby.docx"}
    from docx import Document

    agreement = files["samarbejdsaftale-Koordineringsforum-Bakkeby.docx"]
    text = "\n".join(p.text for p in Document(io.BytesIO(agreement)).paragraphs)
    assert w.follow_up.forum("f1").influence in text
    # make it unequal: drop two civil-society members
    civil = [m for m in o.members.value if "Civilsamfund" in o._names[m]]
    o.members.value = tuple(m for m in o.members.value if m not in civil[:2])
    o.fields["response_time"].value = "Inden for en uge"
    o.save.click()
    assert w.follow_up.forum("f1").response_time == "Inden for en uge"
    assert "Ikke lige repræsentation" in o.checks.value
    o.agenda.click()
    assert "dagsorden-" in o.agenda_link.value
    o.pick.value = ""
    o.fields["name"].value = "Arbejdsgruppe om job"
    o.kind.value = "arbejdsgruppe"
    o.save.click()
    assert "Arbejdsgruppe om job" in [f.name for f in w.follow_up.fora()]
    o.pick.value = ""
    o.fields["name"].value = ""
    o.save.click()
    assert "kit-error" in o.message.value and len(w.follow_up.fora()) == 3


def test_report_panel_builds_the_report_and_every_document(app):
    import zipfile

    fac, w = app
    fac.report.build.click()
    files = links(fac.report.links.value)
    assert set(files) == {"rapport.docx", "rapport.html", "rapport.xlsx", "rapport.zip"}
    names = zipfile.ZipFile(io.BytesIO(files["rapport.zip"])).namelist()
    assert {"rapport.docx", "arbejdsgrupper.xlsx", "aktivitetsoversigt.xlsx",
            "samarbejdsaftale-Koordineringsforum-Bakkeby.docx"} <= set(names)
    assert fac.report.progress.value == 1.0 and not fac.report.build.disabled
    assert b"Rapport: Sammen om modtagelsen" in files["rapport.html"]


def test_invitations_in_the_preparation_panel(app):
    """Issue 27: the purpose saved, a tick invites (in the language picked), the balance and
    counts follow, the chosen invitee's text and letter carry their link, bad input is said
    and changes nothing, and a row whose actor left the register goes without breaking the
    others."""
    fac, w = app
    panel = fac.panel("prepare")
    inv = panel.invites
    assert "Vi vil sammen aftale" in inv.purpose.value  # the sample's purpose
    inv.purpose.value = "x" * 5000
    inv.save.click()
    assert "kit-error" in inv.message.value and w.invites.details().purpose.startswith("Vi vil")
    inv.purpose.value = "Vi aftaler, hvem der gør hvad."
    inv.save.click()
    assert w.invites.details().purpose == "Vi aftaler, hvem der gør hvad."
    assert "kit-error" not in inv.warning.value
    actors = w.prepare.actors()
    refugees = [a for a in actors if a.sector.value == "flygtning"]
    first = inv.rows.rows[refugees[0].id]
    first.language.value = "uk"                  # a language alone invites nobody
    assert w.invites.rsvps() == []
    first.invited.value = True
    (rsvp,) = w.invites.rsvps()
    assert (rsvp.actor_id, rsvp.language) == (refugees[0].id, "uk")
    assert "1 inviteret" in inv.summary.value and "flygtninge 1" in inv.balance.value
    assert rsvp.token in inv.text.value and "Вас запрошено" in inv.text.value
    (name, letter), = links(inv.letter.value).items()
    assert name.endswith(".docx") and rsvp.token.encode() not in letter  # zipped XML
    w.invites.answer(rsvp.token, "yes")
    panel.refresh()
    assert "Ja 1" in inv.summary.value and "flygtninge 1" in inv.yes_balance.value
    inv.all.click()
    assert set(links(inv.all_link.value)) == {"invitationer.zip"}
    # the actor leaves the register: its row goes, the others still work
    w.prepare.delete_actor(refugees[0].id)
    panel.refresh()
    assert refugees[0].id not in inv.rows.rows and w.invites.rsvps() == []
    inv.rows.rows[refugees[1].id].invited.value = True
    assert [r.actor_id for r in w.invites.rsvps()] == [refugees[1].id]
    inv.rows.rows[refugees[1].id].invited.value = False
    assert w.invites.rsvps() == []
