"""Former refugees who volunteer (issue 27, the catalogue's reception corps): an actor of
the register can be marked so; the composition checks count it in civil society AND as
refugees taking part, and so does a participant from such an organisation (the phones ask
nobody about their background). In the store, the checks and the facilitator's register
and agreement editors, without a browser."""

from __future__ import annotations

import datetime as dt

import pytest

import kit
from kit import errors
from kit.core.model import Sector
from kit.model import Phase
from kit.steps.follow_up.logic import check_forum
from kit.steps.groups.logic import missing_kinds
from kit.steps.prepare.logic import refugee_background, register_overview
from kit.steps.prepare.model import Actor, ActorKind
from kit.ui.facilitator import FacilitatorApp

from helpers import SAMPLE

URL = "http://192.0.2.10:8866/"
CORPS = Actor("a1", "Modtagekorpset", ActorKind.SELVORGANISEREDE.value, Sector.CIVILSAMFUND,
              refugee_background=True)
DEPARTMENT = Actor("a2", "Jobcentret", ActorKind.FORVALTNING.value, Sector.KOMMUNE)


def keys(findings):
    return [f.key for f in findings]


# -- pure: the checks count such a person twice, as the catalogue intends ----------------------
def test_a_former_refugee_volunteer_counts_as_civil_society_and_as_refugees():
    # a coordination forum of one municipal and one reception-corps member: equal, and
    # refugees are in it
    assert keys(check_forum("koordineringsforum", ["kommune", "civilsamfund"], [],
                            refugee_background=1)) == []
    # the same forum without the role lacks refugees
    assert keys(check_forum("koordineringsforum", ["kommune", "civilsamfund"])) == [
        "forum.no_refugees"]
    # a working group needs both sides: the volunteer is the civil-society side
    assert "forum.one_sided" not in keys(check_forum("arbejdsgruppe", ["kommune",
                                                                       "civilsamfund"], [], 1))
    overview = register_overview([CORPS, DEPARTMENT])
    assert overview.refugees_represented and overview.refugee_volunteers == 1
    assert overview.by_sector[Sector.CIVILSAMFUND] == 1 and overview.municipal_share == 0.5
    assert "register.no_refugees" not in keys(overview.findings)
    plain = register_overview([Actor("a1", "Frivilligcentret", ActorKind.SELVORGANISEREDE.value,
                                     Sector.CIVILSAMFUND), DEPARTMENT])
    assert "register.no_refugees" in keys(plain.findings)
    assert ActorKind.FLYGTNINGE not in missing_kinds(["kommune", "civilsamfund"], [], True)
    assert missing_kinds(["kommune", "civilsamfund"], [])[0] is ActorKind.FLYGTNINGE


def test_a_participant_is_a_former_refugee_volunteer_through_their_organisation():
    assert refugee_background(" modtagekorpset ", [CORPS])
    assert refugee_background("MODTAGEKORPSET", [CORPS])
    assert not refugee_background("", [CORPS])
    assert not refugee_background("Jobcentret", [CORPS, DEPARTMENT])


# -- the store ---------------------------------------------------------------------------------
def test_the_role_is_stored_checked_and_counted_in_a_forum(sample):
    w = sample
    with pytest.raises(errors.RefugeeVolunteerSector) as caught:
        w.prepare.add_actor("Modtagekorpset", "selvorganiserede frivillige", "kommune",
                            refugee_background=True)
    assert "hører til civilsamfundet" in caught.value.message("da")
    assert "belong to civil society" in caught.value.message("en")
    assert "Modtagekorpset" not in [a.name for a in w.prepare.actors()]
    corps = w.prepare.add_actor("Modtagekorpset", "selvorganiserede frivillige",
                                "civilsamfund", refugee_background=True)
    assert corps.refugee_background
    with pytest.raises(errors.RefugeeVolunteerSector):
        w.prepare.update_actor(corps.id, sector="flygtning")
    # a stray truthy value is no role
    other = w.prepare.add_actors([{"name": "X", "kind": "virksomhed", "sector": "civilsamfund",
                                   "refugee_background": "yes"}])[0]
    assert not other.refugee_background
    amal = w.join("Amal", "civilsamfund", organisation="modtagekorpset")
    bo = w.join("Bo", "kommune", organisation="Jobcentret")
    forum = w.follow_up.add_forum("arbejdsgruppe", name="Velkomst",
                                  members=[f"participant:{amal.id}", f"participant:{bo.id}"])
    members = list(forum.members)
    assert w.follow_up.refugee_background(members) == {f"participant:{amal.id}"}
    from kit.steps.follow_up.report import section

    text = " ".join(b.text for b in section(w, "da"))
    assert "Velkomst" in text
    found = w.follow_up.member_sectors(members).values()
    assert keys(check_forum(forum.kind, [m[1] for m in found], [m[2] for m in found],
                            len(w.follow_up.refugee_background(members)))) == []


def test_the_role_and_the_first_meeting_travel_in_the_exchange_file(sample, tmp_path, store):
    w = sample
    w.prepare.add_actor("Modtagekorpset", "selvorganiserede frivillige", "civilsamfund",
                        refugee_background=True)
    g = w.groups()[2]
    w.groups.set_first_meeting(g.id, "2027-01-19", "9.30", "Biblioteket")
    path = kit.export_workshop(w, tmp_path / "ud.xlsx")
    again = kit.import_workshop(path, kit.open_store("sqlite://"))
    assert [a.name for a in again.prepare.actors() if a.refugee_background] == [
        "Modtagekorpset"]
    copy = next(x for x in again.groups() if x.name == g.name)
    assert (copy.first_meeting_date, copy.first_meeting_time, copy.first_meeting_place) == (
        "2027-01-19", "09:30", "Biblioteket")


# -- the facilitator's register and agreement editor ----------------------------------------------
@pytest.fixture
def app(store):
    fac = FacilitatorApp(store, URL)
    w = kit.import_workshop(SAMPLE, store)
    fac.open(w.id)
    return fac, fac.workshop


def test_the_register_marks_former_refugees_who_volunteer(app):
    fac, w = app
    r = fac.panel("prepare").register
    assert r.refugee.description.startswith("Tidligere flygtninge")
    r.name.value, r.kind.value, r.sector.value = "Modtagekorpset", "Trossamfund", "kommune"
    r.refugee.value = True
    assert r.sector.value == "civilsamfund"     # ticking the role picks civil society
    r.add.click()
    corps = next(a for a in w.prepare.actors() if a.name == "Modtagekorpset")
    assert corps.refugee_background and corps.sector is Sector.CIVILSAMFUND
    assert r.refugee.value is False             # the next actor starts unmarked
    assert "1 aktør er tidligere flygtninge" in r.findings.value
    assert "Tidl. flygtninge" in r.table.value
    # an actor of the municipality cannot be marked: said, and nothing changes
    r.pick.value = next(a.id for a in w.prepare.actors() if a.sector is Sector.KOMMUNE)
    assert r.mark.description == "Markér som tidligere flygtninge"
    r.mark.click()
    assert "hører til civilsamfundet" in r.message.value
    assert not any(a.refugee_background for a in w.prepare.actors()
                   if a.sector is Sector.KOMMUNE)
    r.pick.value = corps.id
    assert r.mark.description == "Fjern markering som tidligere flygtninge"
    r.mark.click()
    assert not next(a for a in w.prepare.actors() if a.id == corps.id).refugee_background


def test_the_agreement_editor_saves_checks_and_says_what_is_missing(app):
    fac, w = app
    fac.set_phase(Phase.FOLLOW_UP)
    o = fac.panel("follow_up").organisation
    a = o.agreement
    assert a.root in o.root.children
    assert "Aftalen mangler endnu: aftalens startdato, aftalens slutdato" in a.status.value
    # the forum's downloads list what the agreement lacks, as `kit report` does
    o.pick.value = "f1"
    assert "Koordineringsforum Bakkeby: aftalens startdato" in o.downloads.value
    report = fac.report
    report.build.click()
    assert "Koordineringsforum Bakkeby: datoen for evaluering af aftalen" in \
        report.missing.value
    a.dates["start"].value = dt.date(2027, 1, 1)
    a.dates["end"].value = dt.date(2026, 12, 31)
    a.save.click()
    assert "kan ikke slutte (2026-12-31), før den begynder (2027-01-01)" in a.message.value
    assert w.partnership.state().agreement_start == ""     # nothing saved
    assert a.dates["end"].value == dt.date(2026, 12, 31)    # what was typed stays to fix
    a.dates["end"].value = dt.date(2028, 12, 31)
    a.save.click()
    assert "kit-ok" in a.message.value
    state = w.partnership.state()
    assert (state.agreement_start, state.agreement_end) == ("2027-01-01", "2028-12-31")
    assert "datoen for evaluering af aftalen" in a.status.value
    assert "aftalens startdato" not in a.status.value
    a.dates["review"].value = dt.date(2027, 6, 15)
    a.save.click()
    assert "gælder fra 1. januar 2027 til 31. december 2028 og evalueres 15. juni 2027" in \
        a.status.value
    # the agreement offered for download prints the dates
    import base64
    import io
    import re

    from docx import Document

    o.pick.value = "f1"
    assert "aftalens" not in o.downloads.value and "kit-missing" not in o.downloads.value
    report.build.click()
    assert "aftalens" not in report.missing.value
    files = {n: base64.b64decode(d) for n, d in re.findall(
        r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', o.downloads.value)}
    text = [p.text for p in Document(io.BytesIO(
        files["samarbejdsaftale-Koordineringsforum-Bakkeby.docx"])).paragraphs]
    assert "Næste evaluering: 15. juni 2027" in text
    fac.set_language("en")
    assert a.save.description == "Save the dates"
    assert "runs from 1 January 2027" in a.status.value or "runs from January 1, 2027" in \
        a.status.value


@pytest.mark.parametrize(("sheet", "column", "value"), [
    ("actors", "sector", "kommune"), ("groups", "first_meeting_time", "25:00")])
def test_an_exchange_file_with_a_wrong_role_or_time_is_refused(tmp_path, sheet, column, value):
    import csv
    import shutil

    folder = tmp_path / "w"
    shutil.copytree(SAMPLE, folder)
    with (folder / f"{sheet}.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index(column)] = value
    if sheet == "actors":
        rows[1][rows[0].index("refugee_background")] = "true"
    with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    store = kit.open_store("sqlite://")
    with pytest.raises(errors.ImportBadValue) as caught:
        kit.import_workshop(folder, store)
    assert caught.value.params["column"] == column and caught.value.params["row"] == 2
    assert store.workshops() == []
