"""Around the workshop: the register overview, the co-creation check and the fora's
representation (pure, on hand-made cases), then the store, documents, report and screens."""

from __future__ import annotations

import io

import pytest

import kit
from kit import errors
from kit.model import Actor, ActorKind, ForumKind, Sector
from kit.organisation import CoCreationFit, check_forum, recommend, register_overview

from helpers import SAMPLE


def actor(name: str, kind: str, sector: str) -> Actor:
    return Actor(name, name, kind, Sector(sector))


# -- pure ---------------------------------------------------------------------------------
def test_register_overview_on_hand_made_registers():
    assert [f.key for f in register_overview([]).findings] == ["register.empty"]
    lopsided = [actor(f"K{i}", "forvaltning", "kommune") for i in range(4)] + [
        actor("Røde Kors", "social forening", "civilsamfund")]
    o = register_overview(lopsided)
    keys = {f.key for f in o.findings}
    assert {"register.missing_kinds", "register.municipal_heavy", "register.no_refugees"} <= keys
    assert "register.few_departments" not in keys and o.municipal_share == pytest.approx(0.8)
    assert ActorKind.FORVALTNING not in o.missing_kinds
    assert ActorKind.TROSSAMFUND in o.missing_kinds and len(o.departments) == 4
    broad = [actor(k.value, k.value, "flygtning" if k is ActorKind.FLYGTNINGE else
                   "kommune" if k is ActorKind.FORVALTNING else "civilsamfund")
             for k in ActorKind] + [actor("Jobcenter", "forvaltning", "kommune"),
                                    actor("Sprogcenter", "forvaltning", "kommune"),
                                    actor("Børn og Unge", "forvaltning", "kommune")]
    o = register_overview(broad)
    assert o.findings == [] and o.missing_kinds == [] and o.refugees_represented
    civil = [actor(f"C{i}", "social forening", "civilsamfund") for i in range(5)] + [
        actor("Jobcenter", "forvaltning", "kommune")]
    keys = {f.key for f in register_overview(civil, ["flygtning"]).findings}
    assert {"register.civil_heavy", "register.few_departments"} <= keys
    assert "register.no_refugees" not in keys  # refugees in the room count


YES_ALL = {"new_solutions": "yes", "across_sectors": "yes", "equal_dialogue": "yes",
           "open_to_all": "yes", "room_to_try": "yes", "final_responsibility": "no",
           "established_activity": "no", "no_mandate": "no"}


def test_check_recommendation_on_clear_cases():
    assert recommend(YES_ALL) == recommend({**YES_ALL})
    assert recommend(YES_ALL).fit is CoCreationFit.FITS and recommend(YES_ALL).reasons == []
    authority = recommend({**YES_ALL, "final_responsibility": "yes"})
    assert authority.fit is CoCreationFit.NOT_NOW
    assert authority.reasons == ["check.reason.final_responsibility"]
    both = recommend({**YES_ALL, "established_activity": "yes", "no_mandate": "yes"})
    assert both.fit is CoCreationFit.NOT_NOW and len(both.reasons) == 2
    weak = recommend({**YES_ALL, "equal_dialogue": "no", "open_to_all": "unsure"})
    assert weak.fit is CoCreationFit.PARTLY
    assert weak.reasons == ["check.reason.equal_dialogue", "check.clarify.open_to_all"]
    assert recommend({**YES_ALL, "room_to_try": "unsure"}).fit is CoCreationFit.FITS
    assert recommend({**YES_ALL, "no_mandate": "unsure"}).fit is CoCreationFit.PARTLY
    half = recommend({"new_solutions": "yes"})
    assert half.fit is CoCreationFit.INCOMPLETE and len(half.reasons) == 7
    assert recommend({"no_mandate": "yes"}).fit is CoCreationFit.NOT_NOW  # decisive at once


def test_forum_representation_on_hand_made_cases():
    ok = check_forum(ForumKind.KOORDINERINGSFORUM, ["kommune"] * 3 + ["civilsamfund"] * 3 +
                     ["flygtning"])
    assert ok == []
    uneven = check_forum("koordineringsforum", ["kommune"] * 4 + ["civilsamfund"] * 2)
    assert [f.key for f in uneven] == ["forum.unequal", "forum.no_refugees"]
    assert uneven[0].params == {"kommune": 4, "civilsamfund": 2}
    assert check_forum("koordineringsforum", ["kommune"] * 3 + ["civilsamfund"] * 2 +
                       ["flygtning"]) == []  # one apart is equal enough
    narrow = check_forum("netværksgruppe", ["kommune", "civilsamfund", "civilsamfund",
                                            "flygtning"], ["forvaltning", "trossamfund",
                                                           "trossamfund", "flygtninge"])
    assert [f.key for f in narrow] == ["forum.network_narrow"]
    municipal = check_forum("netværksgruppe", ["kommune", "kommune", "civilsamfund"])
    assert "forum.network_municipal" in {f.key for f in municipal}
    assert [f.key for f in check_forum("arbejdsgruppe", ["civilsamfund", "flygtning"])] == \
        ["forum.one_sided"]
    assert [f.key for f in check_forum("arbejdsgruppe", [])] == ["forum.empty"]
    with pytest.raises(ValueError):
        check_forum("styregruppe", ["kommune"])


# -- store --------------------------------------------------------------------------------
def test_register_fora_and_check_in_the_store(any_store):
    w = any_store.create_workshop("Organisering", "Bakkeby")
    anna = w.join("Anna", "kommune")
    job = w.prepare.add_actor("Jobcenter", "forvaltning", "kommune", contact="Søren")
    added = w.prepare.add_actors([{"name": "Røde Kors", "kind": "social forening",
                           "sector": "civilsamfund"},
                          {"name": "Syrisk Forening", "kind": "flygtninge",
                           "sector": "flygtning", "remarks": "<b>aktive</b>"}])
    assert [a.name for a in w.prepare.actors()] == ["Jobcenter", "Røde Kors", "Syrisk Forening"]
    with pytest.raises(errors.BadRow) as bad:
        w.prepare.add_actors([{"name": "OK", "kind": "x", "sector": "kommune"},
                      {"name": "Nope", "kind": "x", "sector": "firma"}])
    assert "Række 2" in str(bad.value) and len(w.prepare.actors()) == 3
    w.prepare.update_actor(job.id, contact="Søren Kjær")
    assert w.prepare.actors()[0].contact == "Søren Kjær"
    with pytest.raises(errors.UnknownActor):
        w.prepare.update_actor("nobody", name="x")
    forum = w.follow_up.add_forum("koordineringsforum", "Forum", purpose="Styre samarbejdet")
    w.follow_up.set_forum_members(forum.id, [f"participant:{anna.id}", f"actor:{added[0].id}",
                                   f"actor:{job.id}"], coordinator=f"actor:{job.id}")
    got = w.follow_up.forum(forum.id)
    assert got.purpose == "Styre samarbejdet" and got.coordinator == f"actor:{job.id}"
    assert set(got.members) == {f"participant:{anna.id}", f"actor:{added[0].id}",
                                f"actor:{job.id}"}
    for bad_call, error in ((lambda: w.follow_up.set_forum_members(forum.id, ["actor:nope"]),
                             errors.UnknownMember),
                            (lambda: w.follow_up.set_forum_members(forum.id, [], "actor:x"),
                             errors.NotInGroup),
                            (lambda: w.follow_up.add_forum("styregruppe", "X"),
                             errors.InvalidValue),
                            (lambda: w.follow_up.add_forum("netværksgruppe", ""),
                             errors.InvalidText),
                            (lambda: w.follow_up.update_forum(forum.id, colour="red"),
                             errors.InvalidValue),
                            (lambda: w.follow_up.update_forum("nope", name="x"),
                             errors.UnknownForum)):
        with pytest.raises(error):
            bad_call()
    assert len(w.follow_up.forum(forum.id).members) == 3
    w.follow_up.update_forum(forum.id, response_time="5 hverdage", kind="netværksgruppe")
    assert w.follow_up.forum(forum.id).kind is ForumKind.NETVAERKSGRUPPE
    # an actor who goes leaves the forum (and its coordinator seat) with it
    w.prepare.delete_actor(job.id)
    assert w.follow_up.forum(forum.id).coordinator is None
    assert len(w.follow_up.forum(forum.id).members) == 2
    w.prepare.set_check_answers({"new_solutions": "yes", "no_mandate": "no"})
    assert w.prepare.check_answers() == {"new_solutions": "yes", "no_mandate": "no"}
    for bad in ({"colour": "yes"}, {"no_mandate": "maybe"}):
        with pytest.raises(errors.InvalidValue):
            w.prepare.set_check_answers(bad)
    assert w.prepare.check_answers() == {"new_solutions": "yes", "no_mandate": "no"}
    public = any_store.workshop(w.code)
    for call in (lambda: public.prepare.add_actor("X", "virksomhed", "civilsamfund"),
                 lambda: public.prepare.delete_actor(added[0].id),
                 lambda: public.follow_up.add_forum("netværksgruppe", "X"),
                 lambda: public.prepare.set_check_answers({}),
                 lambda: public.follow_up.delete_forum(forum.id)):
        with pytest.raises(errors.FacilitatorOnly):
            call()
    w.follow_up.delete_forum(forum.id)
    assert w.follow_up.fora() == []


def test_sample_fora_round_trip(store, tmp_path):
    w = kit.import_workshop(SAMPLE, store)
    assert [f.kind for f in w.follow_up.fora()] == [ForumKind.KOORDINERINGSFORUM,
                                          ForumKind.NETVAERKSGRUPPE]
    assert w.prepare.check_answers()["final_responsibility"] == "no"
    kit.export_workshop(w, tmp_path / "out")
    for name in ("fora.csv", "forum_members.csv", "workshop.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (SAMPLE / name).read_bytes()


def test_import_refuses_a_forum_member_that_does_not_exist(store, tmp_path):
    import shutil

    shutil.copytree(SAMPLE, tmp_path / "bad")
    path = tmp_path / "bad" / "forum_members.csv"
    sample = path.read_text("utf-8")
    # an actor not in the register, a row naming both a participant and an actor, one
    # naming no one, a second coordinator of a forum
    for row in ("f1,,a99,false", "f1,p03,a02,false", "f1,,,false", "f1,,a02,true"):
        path.write_text(sample + row + "\n", "utf-8")
        with pytest.raises(errors.ImportBadValue) as bad:
            kit.import_workshop(tmp_path / "bad", store)
        assert "forum_members" in str(bad.value) and store.workshops() == []


def _as_member_keys(folder):
    """Rewrite a workshop folder's fora as files before schema 0018b had them: each member
    one "participant:<id>" / "actor:<id>" key, the coordinator such a key in fora.csv."""
    import csv

    members = list(csv.DictReader((folder / "forum_members.csv").open(encoding="utf-8")))
    keys = [(m["forum_id"], f"participant:{m['participant_id']}" if m["participant_id"]
             else f"actor:{m['actor_id']}", m["coordinator"] == "true") for m in members]
    with (folder / "forum_members.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("forum_id", "member"), *((f, k) for f, k, _ in keys)])
    fora = list(csv.DictReader((folder / "fora.csv").open(encoding="utf-8")))
    head = list(fora[0])
    with (folder / "fora.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow([*head[:3], "coordinator", *head[3:]])
        for row in fora:
            chair = next((k for f_, k, c in keys if f_ == row["id"] and c), "")
            out.writerow([*(row[h] for h in head[:3]), chair, *(row[h] for h in head[3:])])
    return keys


def test_a_file_with_member_keys_still_imports(store, tmp_path):
    """Files written before schema 0018b name a forum's members and coordinator by key;
    they import to the same fora as today's files, and export in today's columns."""
    import shutil

    shutil.copytree(SAMPLE, tmp_path / "old")
    keys = _as_member_keys(tmp_path / "old")
    assert "member" in (tmp_path / "old" / "forum_members.csv").read_text("utf-8")
    new = kit.import_workshop(SAMPLE, store)
    expected = [(f.id, f.members, f.coordinator) for f in new.follow_up.fora()]
    # another store: a workshop's id is kept on import, so one store takes it once
    old = kit.import_workshop(tmp_path / "old", kit.open_store("sqlite://"))
    assert [(f.id, f.members, f.coordinator) for f in old.follow_up.fora()] == expected
    assert {c for *_, c in keys} == {True, False} and expected[0][2] is not None
    kit.export_workshop(old, tmp_path / "out")
    for name in ("fora.csv", "forum_members.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (SAMPLE / name).read_bytes()
    # a coordinator the rows did not list is a member too; a key of no kind is refused
    rows = (tmp_path / "old" / "forum_members.csv").read_text("utf-8").splitlines()
    chair = next(k for f, k, c in keys if c and f == "f1")
    (tmp_path / "old" / "forum_members.csv").write_text(
        "\n".join(r for r in rows if r != f"f1,{chair}") + "\n", "utf-8")
    again = kit.import_workshop(tmp_path / "old", kit.open_store("sqlite://"))
    assert [(f.id, f.members, f.coordinator) for f in again.follow_up.fora()] == expected
    (tmp_path / "old" / "forum_members.csv").write_text(
        "\n".join([*rows, "f1,person:p01"]) + "\n", "utf-8")
    with pytest.raises(errors.ImportBadValue) as bad:
        kit.import_workshop(tmp_path / "old", kit.open_store("sqlite://"))
    assert "forum_members" in str(bad.value) and "member" in str(bad.value)


# -- uploading a register -----------------------------------------------------------------
def test_read_table_from_csv_and_xlsx():
    from openpyxl import Workbook

    from kit.exchange import read_table

    need = ("name", "kind", "sector")
    semi = "Name;Kind;Sector;Contact\nJobcenter;forvaltning;kommune;Søren\n\n".encode()
    assert read_table("a.csv", semi, "actors", need) == [
        {"name": "Jobcenter", "kind": "forvaltning", "sector": "kommune", "contact": "Søren"}]
    comma = "\ufeffname,kind,sector\nRøde Kors,social forening,civilsamfund\n".encode()
    assert read_table("b.CSV", comma, "actors", need)[0]["name"] == "Røde Kors"
    wb = Workbook()
    wb.active.title = "other"
    ws = wb.create_sheet("actors")
    ws.append(["name", "kind", "sector"])
    ws.append(["Moskéen", "trossamfund", "civilsamfund"])
    out = io.BytesIO()
    wb.save(out)
    assert read_table("r.xlsx", out.getvalue(), "actors", need)[0]["name"] == "Moskéen"
    for name, data, error in (("a.csv", b"name;kind\nX;y\n", errors.ImportMissingColumn),
                              ("a.csv", b"", errors.ImportMissingColumn),
                              ("a.csv", "næme".encode("latin-1"), errors.ImportBadFile),
                              ("a.pdf", b"%PDF", errors.ImportBadFile),
                              ("a.xlsx", b"not a zip", errors.ImportBadFile)):
        with pytest.raises(error):
            read_table(name, data, "actors", need)


def test_an_uploaded_register_with_the_old_notes_column_fills_remarks(store):
    from kit.exchange import read_table

    old = "name;kind;sector;contact;notes\nMoskéen;trossamfund;civilsamfund;;Fredagsbøn\n"
    rows = read_table("gammel.csv", old.encode(), "actors", ("name", "kind", "sector"))
    assert rows == [{"name": "Moskéen", "kind": "trossamfund", "sector": "civilsamfund",
                     "contact": "", "remarks": "Fredagsbøn"}]
    w = store.create_workshop("Organisering", "Bakkeby")
    assert [a.remarks for a in w.prepare.add_actors(rows)] == ["Fredagsbøn"]


# -- documents and the report -------------------------------------------------------------
def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return "\n".join([p.text for p in doc.paragraphs] +
                     [c.text for tb in doc.tables for row in tb.rows for c in row.cells])


def test_forum_documents_hold_every_field(store):
    from kit.model import AGREEMENT, TERMS
    from kit.steps.follow_up.report import agenda_document, forum_document

    w = store.facilitate(kit.import_workshop(SAMPLE, store).id)
    f = w.follow_up.forum("f1")
    terms = docx_text(forum_document(w, "f1", "terms"))
    agreement = docx_text(forum_document(w, "f1", "agreement"))
    for field in TERMS:
        assert getattr(f, field) in terms and getattr(f, field) in agreement, field
    for field in AGREEMENT:
        assert getattr(f, field) in agreement, field
        assert getattr(f, field) not in terms, field
    for label in ("Kommunens ansvar", "Kontaktperson i civilsamfundet",
                  "Hvornår kan man forvente svar", "Hvad hver part har indflydelse på"):
        assert label in agreement
    assert "Samarbejdsaftale: Koordineringsforum Bakkeby" in agreement
    assert "Tovholder: Mette Lauridsen" in terms
    names = {p.id: p.name for p in w.participants()}
    assert all(names[m.split(":")[1]] in terms for m in f.members)
    w.groups.update_action("x2", status="done")
    agenda = docx_text(agenda_document(w, "f1", "2027-01-12"))
    for item in ("Runden om bordet", "Nyt fra kommunen", "Status på de frivilliges",
                 "Dagsorden: Koordineringsforum Bakkeby, 12. januar 2027", "Eventuelt"):
        assert item in agenda
    assert "Finde lokale til møbellager" in agenda            # open
    assert "Første sprogcafé om aftenen" not in agenda        # done
    english = docx_text(forum_document(w, "f1", "agreement", "en"))
    assert "Partnership agreement" in english and "The municipality's responsibilities" in english


def test_workshop_report_in_three_formats(store, tmp_path):
    import pandas as pd

    from kit.reports.workshop import write_report

    w = store.facilitate(kit.import_workshop(SAMPLE, store).id)
    w.ideas.rename_theme("t1", "<script>alert(1)</script> Bolig")
    steps = []
    files = write_report(w, tmp_path, "da", lambda f, label: steps.append(f))
    assert [p.name for p in files][:3] == ["rapport.docx", "rapport.html", "rapport.xlsx"]
    assert steps == sorted(steps) and steps[-1] == 1.0 and len(steps) >= 8
    sheets = pd.read_excel(tmp_path / "rapport.xlsx", sheet_name=None)
    # every table of the workshop, in Danish, plus the tallies and the activity overview
    # (the dots and wishes as totals: nobody's own, issue 30); the needs check and the ground
    # rules too, since each step of the registry brings its own sheets
    assert {"Workshop", "Deltagere", "Aktører", "Tidslinje", "Noter", "Temaer",
            "Ønsker i alt", "Grupper", "Medlemmer", "Inviterede", "Handlinger", "Fora",
            "Forummedlemmer", "Optælling, alle prikker", "Optælling, sektorvægtet",
            "Aktivitetsoversigt", "Behovstjek", "Opgavefordeling", "Husregler"} == set(sheets)
    assert len(sheets["Deltagere"]) == 24
    tally = sheets["Optælling, alle prikker"]
    assert tally["Point"].sum() == sum(r["dots"] for r in w.voting.votes())
    wishes = sheets["Ønsker i alt"]
    assert wishes[["1. ønske", "2. ønske", "3. ønske", "Ikke denne"]].to_numpy().sum() == len(
        w.groups.preferences())
    text = docx_text((tmp_path / "rapport.docx").read_bytes())
    counts = w.sector_counts()
    for sector, label in (("kommune", "Kommune"), ("civilsamfund", "Civilsamfund"),
                          ("flygtning", "Flygtning")):
        assert f"{label}\n{counts[sector]}" in text
    names = {p.id: p.name for p in w.participants()}
    for g in w.groups():
        assert g.name in text and g.purpose in text and g.mandate in text
        assert names[g.coordinator_id] in text
    for x in w.groups.actions():
        assert x.title in text
    assert "Alle prikker" in text and "Hver sektor vejer lige meget" in text
    assert "Koordineringsforum Bakkeby" in text
    assert "Samskabelse passer her, men se på dette først:" in text
    from docx import Document

    assert len(Document(tmp_path / "rapport.docx").inline_shapes) >= 4  # the figures
    page = (tmp_path / "rapport.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Bolig" in page and "<script>" not in page
    assert page.count("data:image/png;base64,") >= 4


def test_kit_report_from_the_shell(tmp_path):
    from test_cli import kit_cmd

    db = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    kit_cmd("import", str(SAMPLE), "--database-url", db)
    out = kit_cmd("report", "BKY4MT", "-o", str(tmp_path / "r"), "--language", "en",
                  "--database-url", db).stdout.split("\n\n")[0].split()
    assert [p.rsplit("/", 1)[1] for p in out][:4] == ["report.docx", "report.html",
                                                      "report.xlsx", "management-brief.docx"]
    assert "Report: Sammen om modtagelsen" in docx_text((tmp_path / "r" / "report.docx")
                                                        .read_bytes())


def test_combine_workshops_for_analysis(store):
    from kit.reports import across

    ws = [kit.import_workshop(SAMPLE, store),
          kit.import_workshop(SAMPLE.parent / "workshop-2027", store)]
    frames = across.combine(ws)
    assert set(frames["participants"]["workshop_id"]) == {"w-bakkeby-2026", "w-bakkeby-2027"}
    table = across.participation(frames)
    assert table.sum(axis=1).tolist() == [24, len(ws[1].participants())]
    status = across.follow_up_status(frames)["groups"]
    assert status.loc[("2027-11-22", "Modtagelsen – et år efter"), "closed"] == 1
    assert len(across.chosen_themes(frames)) == 6
