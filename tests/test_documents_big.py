"""Every document of a big workshop — 150 participants from 80 organisations, built through
the public API — as it prints (LibreOffice → PDF): the brief is one page, every workbook
fits its page width with its header on every page, nothing sent names a person's own dots,
wishes or screen language, and each document's list of missing facts is exactly what was
left empty (issue 30)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import kit
from kit.i18n import t

FIRST = ("Anna", "Bilal", "Camilla", "Dmytro", "Emma", "Fatima", "Gustav", "Hiba", "Ida",
         "Jonas", "Karim", "Lærke", "Mads", "Nour", "Olena")
LAST = ("Holm", "Haddad", "Berg", "Kovalenko", "Lund", "Nasser", "Krogh", "Saleh", "Dahl",
        "Petrenko")
THEMES = ("Job og praktik", "Bolig og indflytning", "Sprog i hverdagen", "Børn og skole",
          "Sundhed og trivsel", "Fritid og foreninger", "Økonomi og breve", "Netværk for kvinder")
REASON = "Jobcentret har allerede et nyt forløb om job og praktik, der starter i april"
DEPARTMENTS = [f"{x} Storeby" for x in ("Jobcenter", "Borgerservice", "Sundhedspleje",
                                         "Skoleforvaltning", "Boligsocialt team",
                                         "Integrationsteam", "Ydelseskontor", "Biblioteket",
                                         "Tandplejen", "Familieafdelingen")]
ASSOCIATIONS = [f"Forening nr. {n} i Storeby" for n in range(1, 61)]
SCHOOLS = [f"Sprogcenter {n}" for n in range(1, 11)]


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) is required for the documents as printed"
    return found


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The workshop, its documents in Danish and their PDFs, built once for the module."""
    from kit.reports.workshop import documents

    store = kit.open_store("sqlite://")
    w = store.create_workshop("Sammen om modtagelsen 2027", "Storeby Kommune", "2027-03-10")
    people = []
    for n in range(150):
        name = f"{FIRST[n % 15]} {LAST[n // 15]}"
        if n < 50:
            people.append(w.join(name, "kommune", organisation=DEPARTMENTS[n % 10]))
        elif n < 110:
            people.append(w.join(name, "civilsamfund", organisation=ASSOCIATIONS[n - 50]))
        else:  # refugees, their phones in Arabic and Ukrainian: never to be named in a file
            people.append(w.join(name, "flygtning", organisation=SCHOOLS[n % 10],
                                 language="ar" if n % 2 else "uk"))
    w.set_phase("timeline")
    for n in range(60):
        w.timeline.add_card(people[n], f"Tilbud nummer {n + 1}", people[n].organisation,
                            ("bolig", "sprog", "arbejde", "sundhed", "familie")[n % 5],
                            n % 20 - 4, min(26, n % 20 + 6),
                            sector="kommune" if n < 50 else "civilsamfund")
    w.set_phase("ideas")
    for n, p in enumerate(people[:120]):
        w.add_idea(p, f"Idé {n + 1} om {THEMES[n % 8].lower()}")
    ideas = w.ideas()
    themes = w.ideas.add_themes([(label, [i.id for k, i in enumerate(ideas) if k % 8 == n])
                                 for n, label in enumerate(THEMES)])
    for th in themes:
        w.ideas.select_theme(th.id)
    w.set_phase("voting")
    w.voting.open_voting()
    for n, p in enumerate(people):  # the first theme gets the most dots
        w.vote(p, themes[0].id, 2 if n % 3 == 0 else 1)
        w.vote(p, themes[1 + n % 7].id)
        if n % 3:
            w.vote(p, themes[1 + (n + 3) % 7].id)
    w.voting.close_voting()
    # the room's first theme is not taken on: the reason is written with the choice
    w.voting.choose_themes([th.id for th in themes[1:]], REASON)
    w.set_phase("groups")
    w.groups.configure_groups(10, 35)
    for n, p in enumerate(people):
        ranks = {themes[1 + (n + k) % 7].id: k + 1 for k in range(3)}
        ranks[themes[1 + (n + 4) % 7].id] = 0
        w.groups.set_preferences(p, ranks, volunteer=n % 10 == 0)
    w.groups.form_groups()
    w.groups.confirm_groups()
    groups = w.groups()
    assert len(groups) == 7
    for n, g in enumerate(groups):  # the last group has no coordinator, the last two no date
        if n < 6:
            w.groups.set_coordinator(g.id, g.members[0])
        if n < 5:
            w.groups.update_group(g.id, first_meeting=f"2027-04-{n + 10:02d}")
    w.groups.update_group(groups[2].id, mandate="")
    w.groups.add_action(groups[0].id, "Finde et lokale", owner="Anna Holm", due="2027-04-01")
    w.groups.add_action(groups[1].id, "Lave en folder")          # no owner, no due date
    w.groups.add_action(groups[3].id, "Tjekke forsikring", owner="Bilal Holm")  # no due date
    actor = w.prepare.add_actor("Røde Kors Storeby", "social forening", "civilsamfund")
    forum = w.follow_up.add_forum(
        "koordineringsforum", "Koordineringsforum Storeby",
        members=[f"participant:{p.id}" for p in people[:4] + people[50:53]]
        + [f"actor:{actor.id}"], coordinator=f"participant:{people[0].id}",
        purpose="Samle trådene", tasks="Følge op", mandate="Indstille til udvalget",
        composition="Kommune og foreninger", meeting_frequency="Hver 6. uge",
        duties_kommune="Lokaler", duties_civilsamfund="Frivillige",
        contact_kommune="Anna Holm", contact_civilsamfund="",
        response_time="Inden for en uge", contact_how="Mail", influence="")
    network = w.follow_up.add_forum("netværksgruppe", "Netværket",
                                    members=[f"participant:{p.id}" for p in people[60:64]])
    for title, division in (("Lektiehjælp", "frivillige"), ("Følge til lægen", "sammen"),
                            ("Boligindskud", "fagperson")):
        w.ground_rules.settle(w.ground_rules.add_task(title).id, division)
    built = documents(w, "da", agenda_date="2027-04-20")
    folder = tmp_path_factory.mktemp("big")
    for name, data in built.files.items():
        (folder / name).write_bytes(data)
    for ext in ("docx", "xlsx"):  # apart: rapport.docx and rapport.xlsx make rapport.pdf
        subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{folder}/lo",
                        "--convert-to", "pdf", "--outdir", str(folder / ext),
                        *(str(folder / n) for n in built.files if n.endswith(ext))],
                       check=True, capture_output=True, timeout=900)
    yield {"w": w, "people": people, "themes": themes, "groups": groups, "forum": forum,
           "network": network, "built": built, "folder": folder}
    store.close()


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (pdftotext, page by page)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


def page_size(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return float(w), float(h)


def docx_lines(data: bytes) -> list[str]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs] + [
        " | ".join(c.text for c in row.cells) for tb in doc.tables for row in tb.rows]


def xlsx_rows(data: bytes) -> dict[str, list[list[str]]]:
    from openpyxl import load_workbook

    return {ws.title: [["" if v is None else str(v) for v in row]
                       for row in ws.iter_rows(values_only=True)]
            for ws in load_workbook(io.BytesIO(data)).worksheets}


# -- as printed ------------------------------------------------------------------------------
def test_the_brief_is_one_page_and_says_why_the_top_theme_was_dropped(big):
    pages = pdf_pages(big["folder"] / "docx" / "ledelsesnotat.pdf")
    assert len(pages) == 1, len(pages)
    text = " ".join(pages[0].split())
    assert "»Job og praktik« fik flest prikker" in text
    assert "Begrundelse: Jobcentret har allerede et nyt forløb" in text
    assert "80 organisationer, bl.a." in text           # summed up, not 80 names
    assert "Forening nr. 37" not in text
    assert "7 arbejdsgrupper med i alt 150 medlemmer; 6 har en tovholder" in text


def test_the_report_prints_with_its_summary_on_the_first_page(big):
    pages = pdf_pages(big["folder"] / "docx" / "rapport.pdf")
    assert 8 <= len(pages) <= 30, len(pages)
    first = " ".join(pages[0].split())
    assert "Resumé" in first and "150 deltog i workshoppen" in first
    text = " ".join(" ".join(pages).split())
    assert f"Begrundelse for valget: {REASON}." in text
    # every figure says what it shows to a screen reader, in Word and in the HTML
    from docx import Document

    doc = Document(io.BytesIO(big["built"].files["rapport.docx"]))
    from docx.shared import Cm

    from kit.reports._docx import FIGURE_MAX_CM

    # a figure never runs off the page: the timeline of 60 cards is scaled to its height
    assert all(shape.height <= Cm(FIGURE_MAX_CM + 0.01) for shape in doc.inline_shapes)
    assert any(shape.height > Cm(FIGURE_MAX_CM - 0.1) for shape in doc.inline_shapes)
    alts = [shape._inline.docPr.get("descr") for shape in doc.inline_shapes]
    assert len(alts) >= 4 and all(alts), alts
    assert "Organisationsdiagram: 2 fora" in " ".join(alts)
    page = big["built"].files["rapport.html"].decode()
    assert page.count("<img ") == len(alts) and 'alt=""' not in page


def test_every_workbook_prints_fitted_to_its_page_width_with_its_header_on_every_page(big):
    from openpyxl import load_workbook

    books = [n for n in big["built"].files if n.endswith(".xlsx")]
    assert sorted(books) == ["aktivitetsoversigt.xlsx", "arbejdsgrupper.xlsx", "rapport.xlsx"]
    for name in books:
        wb = load_workbook(io.BytesIO(big["built"].files[name]))
        assert wb.properties.creator == "Storeby Kommune", name
        headers = []
        for ws in wb.worksheets:
            setup = ws.page_setup
            assert ws.sheet_properties.pageSetUpPr.fitToPage, (name, ws.title)
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), (name, ws.title)
            assert ws.print_title_rows == "$1:$1", (name, ws.title)
            width = sum(ws.column_dimensions[c].width or 8 for c in
                        (ws.cell(1, n).column_letter for n in range(1, ws.max_column + 1)))
            wide = width > 95 or name == "aktivitetsoversigt.xlsx"
            assert setup.orientation == ("landscape" if wide else "portrait"), (name, ws.title)
            assert setup.paperSize == (8 if name == "aktivitetsoversigt.xlsx" else 9)
            for r in range(2, ws.max_row + 1):  # wrapped text gets the rows it needs
                longest = max(len(str(c.value or "")) for c in ws[r])
                if longest > 70:
                    assert (ws.row_dimensions[r].height or 0) > 16, (name, ws.title, r)
            headers.append([str(c.value) for c in ws[1]])
        with __import__("zipfile").ZipFile(io.BytesIO(big["built"].files[name])) as z:
            assert b"<Company>Storeby Kommune</Company>" in z.read("docProps/app.xml")
        pages = pdf_pages(big["folder"] / "xlsx" / name.replace(".xlsx", ".pdf"))
        # fitted to the page width: every page holds the first and the last column's
        # header of its sheet (no column cut onto a page of its own), repeated on each page
        for n, page in enumerate(pages, start=1):
            words = set(page.split())
            assert any(set(h[0].split()) <= words and set(h[-1].split()) <= words
                       for h in headers), (name, n, page[:300])
        # one page across per sheet: no more pages than the rows need at about 20 a page
        rows = sum(ws.max_row for ws in wb.worksheets)
        assert len(pages) <= len(wb.worksheets) + rows // 8, (name, len(pages))
    w, h = page_size(big["folder"] / "xlsx" / "aktivitetsoversigt.pdf")
    assert (round(w), round(h)) == (1191, 842)      # A3 landscape: a poster


# -- nothing private in what is sent ---------------------------------------------------------
def test_no_individual_choice_in_any_shared_file(big):
    from kit.reports._workbook import internal_workbook

    w, people = big["w"], big["people"]
    choices = [t(f"preference.rank_{r}", "da") for r in (1, 2, 3)] + [
        t("preference.not_this", "da"), t("language.name", "ar"), t("language.name", "uk"),
        t("xl.volunteer", "da"), "Arabic", "Ukrainian"]
    labels = [th.label for th in big["themes"]]
    names = [p.name for p in people]
    label_of = {th.id: th.label for th in big["themes"]}
    mine: dict[str, dict[str, int]] = {p.id: {} for p in people}
    for v in w.voting.votes():
        mine[v["participant_id"]][v["theme_id"]] = v["dots"]
    shared = big["built"].files
    assert len(shared) == 19   # 3 report files, brief, 7 + 2 terms, groups, 2 × 2, overview
    for file, data in shared.items():
        if file.endswith(".docx"):
            units = docx_lines(data)
        elif file.endswith(".xlsx"):
            units = [" | ".join(r) for rows in xlsx_rows(data).values() for r in rows]
            for sheet, rows in xlsx_rows(data).items():
                head = set(rows[0]) if rows else set()
                assert not head & {t("xl.participant", "da"), t("xl.name", "da")} or not \
                    head & {t("xl.dots", "da"), t("xl.preference", "da"),
                            t("xl.language", "da")}, (file, sheet)
        else:
            units = re.sub(r"<[^>]+>", "\n", data.decode()).splitlines()
        for unit in units:
            named = [n for n in names if n in unit]
            if not named:
                continue
            assert not [c for c in choices if c in unit], (file, unit)
            # a person's own dots: their name next to a theme and a number of dots
            assert not (any(label in unit for label in labels) and re.search(
                r"\|\s*\d+\s*(\||$)", unit) and "Prik" in unit), (file, unit)
        if file.endswith(".xlsx"):  # no row holds a person, a theme they voted for and
            for rows in xlsx_rows(data).values():  # their dots on it
                for row in rows:
                    for p in (p for p in people if p.name in row):
                        for theme_id, dots in mine[p.id].items():
                            assert not (label_of[theme_id] in row and str(dots) in row and
                                        len(set(row) & set(names)) == 1), (file, row)
        assert "INTERNT" not in file
    # the individual answers are kept for analysts, marked internal
    internal = xlsx_rows(internal_workbook(w, "da"))
    first, *rest = internal
    assert first == "INTERNT" and "må ikke deles" in internal[first][0][0]
    votes = internal[t("xl.votes", "da")]
    assert len(votes) - 1 == len(w.voting.votes())
    assert any(row[0] == people[-1].name and t("language.name", "ar") in row
               for row in internal[t("xl.participants", "da")])
    frames = w.frames()
    assert len(frames["votes"]) == len(w.voting.votes()) and len(frames["preferences"]) == 600


# -- what each document is missing -----------------------------------------------------------
def test_the_missing_facts_are_exactly_what_was_left_empty(big):
    from kit.reports._docx import FILL_IN

    built, groups = big["built"], big["groups"]
    g6, g7, g3 = groups[6].name, groups[5].name, groups[2].name
    folder = "Lave en folder"
    expected_report = {f"{g6}: tovholder", f"{g6}: første møde", f"{g7}: første møde",
                       f"{g3}: beslutningsmandat", f"»{folder}«: ansvarlig",
                       f"»{folder}«: frist", "»Tjekke forsikring«: frist"}
    agenda = {f"Koordineringsforum Storeby: {x}" for x in ("tidspunkt", "sted", "referent")} | {
        "Næste møde: dato", "Næste møde: sted", f"»{folder}«: ansvarlig",
        f"»{folder}«: frist", "»Tjekke forsikring«: frist"}
    network_fields = ("tovholder", "formål", "opgaver", "beslutningsmandat", "sammensætning",
                      "mødefrekvens")
    agreement_fields = ("kommunens ansvar", "civilsamfundets ansvar",
                        "kontaktperson i kommunen", "kontaktperson i civilsamfundet",
                        "hvornår kan man forvente svar", "sådan kontakter vi hinanden",
                        "hvad hver part har indflydelse på")
    # the partnership agreement's period and review date, not agreed in this workshop
    period = ("aftalens startdato", "aftalens slutdato", "datoen for evaluering af aftalen")
    expected = {
        "rapport.docx": expected_report, "rapport.html": expected_report,
        "ledelsesnotat.docx": {f"{g6}: tovholder", f"{g6}: første møde",
                               f"{g7}: første møde"},
        "rapport.xlsx": set(), "arbejdsgrupper.xlsx": set(), "aktivitetsoversigt.xlsx": set(),
        "kommissorium-Koordineringsforum-Storeby.docx": set(),
        "samarbejdsaftale-Koordineringsforum-Storeby.docx": {
            "Koordineringsforum Storeby: kontaktperson i civilsamfundet",
            "Koordineringsforum Storeby: hvad hver part har indflydelse på",
            *(f"Koordineringsforum Storeby: {x}" for x in period)},
        "dagsorden-Koordineringsforum-Storeby.docx": agenda,
        "kommissorium-Netværket.docx": {f"Netværket: {x}" for x in network_fields},
        "samarbejdsaftale-Netværket.docx": {f"Netværket: {x}" for x in
                                            network_fields + agreement_fields + period},
        "dagsorden-Netværket.docx": {x.replace("Koordineringsforum Storeby", "Netværket")
                                     for x in agenda} | {"Netværket: leder af mødet"},
    }
    for n, g in enumerate(groups):
        facts = {f"{g.name}: tovholder"} if n == 6 else set()
        # no first meeting: its date, time and place each a line (issue 27)
        facts |= {f"{g.name}: {x}" for x in ("første møde", "klokkeslæt for første møde",
                                             "sted for første møde")} if n >= 5 else set()
        facts |= {f"{g3}: beslutningsmandat"} if n == 2 else set()
        facts |= {f"»{folder}«: ansvarlig", f"»{folder}«: frist"} if n == 1 else set()
        facts |= {"»Tjekke forsikring«: frist"} if n == 3 else set()
        expected[f"kommissorium-{g.name.replace(' ', '-')}.docx"] = facts
    assert set(built.missing) == set(expected)
    for name, facts in built.missing.items():
        assert len(facts) == len(set(facts)), name
        assert set(facts) == expected[name], (name, set(facts) ^ expected[name])
    # and the documents show exactly those: a line to write on only for a field the store
    # holds, "ikke aftalt endnu" for the rest, and no other blank
    missing_word = t("doc.missing", "da")
    for name, data in built.files.items():
        if not name.endswith(".docx"):
            continue
        lines = docx_lines(data)
        blanks = [x for x in lines if x == FILL_IN or (x.endswith(FILL_IN) and not
                  x.startswith(tuple(t(f"agreement.sign.{k}", "da") + ":"
                                     for k in ("name", "title", "date", "signature"))))]
        said = [x for x in lines if missing_word in x]
        assert bool(blanks or said) == bool(expected[name]), name
        if name.startswith(("kommissorium", "samarbejdsaftale")):
            actions = {f for f in expected[name] if f.startswith("»")}
            assert len(blanks) == len(expected[name]) - len(actions), name
        else:
            assert not blanks, (name, blanks)
    assert "_" * 10 not in " ".join(docx_lines(built.files["ledelsesnotat.docx"]))


def test_kit_report_prints_the_missing_facts_in_its_language(big):
    from kit.reports.workshop import missing_text

    text = missing_text(big["built"].missing, "da")
    assert text.startswith("Det mangler i dokumenterne")
    assert "dagsorden-Netværket.docx: 9 oplysninger mangler" in text
    assert "rapport.xlsx" not in text                   # nothing missing there
    assert missing_text({"a.docx": []}, "en").endswith("Nothing is missing.")
