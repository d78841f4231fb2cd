"""Every document the kit produces, opened as the coordinator opens it (python-docx,
openpyxl, and LibreOffice for the PDF): the shared Word style, spreadsheets that open
readable, no formula cell from anything a participant typed, the report's summary and
details, the partnership agreement's clauses and the forum agenda."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest

import kit
from kit.cli import SAMPLE

PAYLOADS = ('=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def documents():
    """Every document of the sample workshop in Danish, built once for the module."""
    from kit.reports.workshop import workshop_documents

    store = kit.open_store("sqlite://")
    w = store.facilitate(kit.import_workshop(SAMPLE, store).id)
    files = workshop_documents(w, "da", agenda_date="2027-01-12")
    yield w, files
    store.close()


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return "\n".join([p.text for p in doc.paragraphs] +
                     [c.text for tb in doc.tables for row in tb.rows for c in row.cells])


# -- security: what people typed stays text in every workbook -------------------------------
def test_formula_like_text_is_never_a_formula_cell_in_any_workbook(store):
    from openpyxl import load_workbook

    from kit.reports import groups_workbook
    from kit.reports.workshop import workshop_documents
    from kit.steps.timeline.findings import overview_xlsx

    w = store.facilitate(kit.import_workshop(SAMPLE, store).id)
    group = w.groups()[0]
    for n, payload in enumerate(PAYLOADS):
        w.join(payload, "kommune", organisation=payload)
        w.groups.add_action(group.id, payload, owner=payload, due="2026-12-01")
        w.prepare.add_actors([{"name": f"{payload} {n}", "kind": "virksomhed",
                               "sector": "civilsamfund", "contact": payload,
                               "remarks": payload}])
        w.timeline.add_card(None, payload, payload, "bolig", 1, 2, sector="kommune")
    w.ideas.rename_theme("t1", PAYLOADS[0])
    w.groups.update_group(group.id, name=PAYLOADS[1], purpose=PAYLOADS[2])
    books = {name: data for name, data in workshop_documents(w, "da").items()
             if name.endswith(".xlsx")}
    books["groups-en"] = groups_workbook(w, "en")
    books["overview-en"] = overview_xlsx(w.timeline.cards(), "en")
    assert len(books) == 5
    for name, data in books.items():
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for part in z.namelist():
                if part.startswith("xl/worksheets/"):
                    assert b"<f>" not in z.read(part) and b"<f " not in z.read(part), (name, part)
        seen = set()
        for ws in load_workbook(io.BytesIO(data)).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, ws.title, cell.coordinate)
                    if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.quotePrefix, (name, ws.title, cell.coordinate)
                        seen.add(cell.value)
        assert seen & set(PAYLOADS), name  # the payloads are there, as text


def test_csv_export_documents_the_formula_risk():
    import kit.exchange

    doc = kit.exchange.write.__doc__ or ""
    assert "formula" in doc and "Excel" in doc


# -- one style for every Word file -----------------------------------------------------------
def test_every_word_file_has_the_kit_style(documents):
    from docx import Document
    from docx.shared import Cm

    w, files = documents
    word = {n: d for n, d in files.items() if n.endswith(".docx")}
    assert len(word) == 11  # report, brief, 3 groups, 2 fora × (terms, agreement, agenda)
    from kit.model import ActorKind

    kinds = {k.value for k in ActorKind}
    for name, data in word.items():
        doc = Document(io.BytesIO(data))
        section = doc.sections[0]
        assert abs(section.page_width - Cm(21)) < Cm(0.05), name
        assert abs(section.page_height - Cm(29.7)) < Cm(0.05), name
        text_width = section.page_width - section.left_margin - section.right_margin
        langs = {el.get(f"{W}val") for el in doc.styles.element.iter(f"{W}lang")}
        assert langs == {"da-DK"}, (name, langs)
        assert doc.core_properties.author == "Bakkeby Kommune"
        assert doc.core_properties.language == "da-DK"
        footer = section.footer.paragraphs[0]
        codes = [el.text.strip() for el in footer._p.iter(f"{W}instrText")]
        assert codes == ["PAGE", "NUMPAGES"], name
        assert "Sammen om modtagelsen" in footer.text and "23. november 2026" in footer.text
        assert "Side" in footer.text
        text = docx_text(data)
        assert not ISO_DATE.search(text), (name, ISO_DATE.search(text))
        assert "Ingen endnu." not in text or name.startswith("rapport"), name
        for table in doc.tables:
            rows = table.rows
            assert all(r._tr.trPr is not None and r._tr.trPr.find(f"{W}cantSplit") is not None
                       for r in rows), name
            widths = [c.width for c in table.columns]
            assert abs(sum(widths) - text_width) < Cm(0.1), name
            cells = [c.text for r in rows for c in r.cells]
            assert not kinds & set(cells), name  # actor kinds in words, not codes
            first = rows[0]._tr.trPr.find(f"{W}tblHeader")
            if first is not None:  # a table with a header: bold, repeated on every page
                assert rows[0].cells[0].paragraphs[0].style.font.bold, name
                assert all(r._tr.trPr.find(f"{W}tblHeader") is None for r in rows[1:])
        for shape in doc.inline_shapes:
            assert shape.width <= text_width, name


def test_dates_are_written_in_words_in_the_language():
    from kit.reports._docx import long_date

    assert long_date("2026-11-23", "da") == "23. november 2026"
    assert long_date("2026-11-23", "en") == "23 November 2026"
    assert long_date("Tirsdag 8/12 kl. 17", "da") == "Tirsdag 8/12 kl. 17"
    assert long_date("", "da") == "" and long_date(None, "da") == ""


def test_group_terms_show_kinds_dates_and_fill_in_lines(documents):
    w, files = documents
    text = docx_text(files["kommissorium-Boliggruppen.docx"])
    assert "Flygtninge selv" in text and "Lokale borgere" in text   # invited actors' kinds
    assert "15. december 2026" in text                               # the action's due date
    assert "Kommissorium: Boliggruppen" in text


# -- spreadsheets people open ----------------------------------------------------------------
def test_every_workbook_opens_readable(documents):
    import datetime as dt

    from openpyxl import load_workbook

    from kit.reports._xlsx import MIN_CAPPED

    w, files = documents
    books = {n: d for n, d in files.items() if n.endswith(".xlsx")}
    assert set(books) == {"rapport.xlsx", "arbejdsgrupper.xlsx", "aktivitetsoversigt.xlsx"}
    for name, data in books.items():
        for ws in load_workbook(io.BytesIO(data)).worksheets:
            assert ws.freeze_panes == "A2", (name, ws.title)
            assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), (name, ws.title)
            header = next(ws.iter_rows(max_row=1))
            assert all(c.font.bold for c in header), (name, ws.title)
            for c in header:  # a header fits, or wraps in a column narrowed for the page
                width = ws.column_dimensions[c.column_letter].width
                assert width and width >= len(str(c.value)) or width >= 50 or (
                    width >= MIN_CAPPED and (ws.row_dimensions[1].height or 0) > 16
                    and max(map(len, str(c.value).split())) < width), (name, c.value)
            assert not any(str(c.value).islower() and "_" in str(c.value) for c in header), (
                name, ws.title, [c.value for c in header])  # no "start_week"
    report = load_workbook(io.BytesIO(books["rapport.xlsx"]))
    names = report.sheetnames
    for danish in ("Deltagere", "Aktører", "Tidslinje", "Noter", "Temaer", "Ønsker i alt",
                   "Optælling, alle prikker", "Optælling, sektorvægtet", "Grupper",
                   "Handlinger", "Aktivitetsoversigt"):
        assert danish in names
    assert "Prikker" not in names and "Ønsker" not in names   # nobody's own dots or wishes
    from kit.exchange import SHEETS

    assert not set(SHEETS) & set(names)           # no English contract names in a Danish file
    labels = {th.label for th in w.ideas.themes()}
    tally = [r for r in report["Optælling, alle prikker"].iter_rows(min_row=2, values_only=True)]
    assert {r[1] for r in tally} <= labels and len(tally) == 7
    ids = {p.id for p in w.participants()} | {th.id for th in w.ideas.themes()}
    for ws in report.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not ids & set(row), ws.title   # names, never ids
    due = [r[3] for r in report["Handlinger"].iter_rows(min_row=2, values_only=True) if r[3]]
    assert due and all(isinstance(d, dt.datetime) for d in due)
    assert isinstance(report["Workshop"]["B4"].value, dt.datetime)
    english = load_workbook(io.BytesIO(__import__("kit.reports.workshop", fromlist=["x"])
                                       .report_workbook(w, "en")))
    assert "Participants" in english.sheetnames and "Tally, all dots" in english.sheetnames


def test_exchange_export_keeps_its_contract_names(store, tmp_path):
    from openpyxl import load_workbook

    from kit.exchange import SHEETS

    kit.export_workshop(kit.import_workshop(SAMPLE, store), tmp_path / "x.xlsx")
    assert load_workbook(tmp_path / "x.xlsx").sheetnames == list(SHEETS)


# -- the report a manager reads --------------------------------------------------------------
def test_the_report_opens_with_a_summary_then_the_details(documents):
    from docx import Document

    w, files = documents
    doc = Document(io.BytesIO(files["rapport.docx"]))
    paragraphs = [p.text for p in doc.paragraphs]
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Resumé" and headings.index("Deltagere pr. sektor") > 0
    summary = "\n".join(paragraphs[:paragraphs.index("Deltagere pr. sektor")])
    assert "24 deltog i workshoppen: 9 fra kommunen, 9 fra civilsamfundet og 6 flygtninge." \
        in summary
    assert "30 aktiviteter" in summary
    # the choice differs from the vote: said so, with a line for the reason
    assert "»Job og praktik« blev nr. 1 i afstemningen, men gik ikke videre" in summary
    assert "»Bolig og indflytning« gik videre til en arbejdsgruppe, selv om det blev nr. 4 i " \
        "afstemningen." in summary
    assert "Begrundelse for valget: ikke aftalt endnu" in summary   # the one way, noted
    assert "mødes første gang: tirsdag 8/12 kl. 17" in summary      # a weekday mid-sentence
    assert "15. december 2026: Finde lokale til møbellager – Hanne Bech (Boliggruppen)" \
        in summary
    page_break = next(i for i, p in enumerate(doc.paragraphs)
                      if 'w:type="page"' in p._p.xml)
    assert page_break < paragraphs.index("Deltagere pr. sektor")
    text = docx_text(files["rapport.docx"])
    assert "21.3333" not in text and "21,3" in text
    assert "Meget på én gang:" not in text and "Mulig synergi:" not in text
    findings = next(t for t in doc.tables if t.rows[0].cells[0].text == "Fund")
    synergies = [r for r in findings.rows if r.cells[0].text == "Synergi"]
    assert 1 <= len(synergies) <= 9                 # per area, not one per pair
    for idea in w.ideas():
        assert idea.text in text                    # every note, under its theme
    assert "Tovholder" in text and "Ole Thomsen" in text
    for table in doc.tables:
        header = [c.text for c in table.rows[0].cells]
        assert "" not in header, header


def test_the_html_report_says_the_same_and_escapes(store):
    from kit.reports.workshop import report_blocks, report_html

    w = store.facilitate(kit.import_workshop(SAMPLE, store).id)
    w.ideas.rename_theme("t1", "<script>alert(1)</script> Bolig")
    page = report_html(report_blocks(w, "da"), "da")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Bolig" in page and "<script>" not in page
    assert '<h2 dir="auto">Resumé</h2>' in page and '<li dir="auto">' in page and "<thead>" in page


# -- partnership agreement and agenda --------------------------------------------------------
def test_the_partnership_agreement_has_every_clause_and_fill_in_lines(documents):
    from kit.i18n import t
    from kit.steps.follow_up.report import CLAUSES

    w, files = documents
    text = docx_text(files["samarbejdsaftale-Koordineringsforum-Bakkeby.docx"])
    for clause in (*CLAUSES, "parties", "duties", "contacts", "expectations", "signatures"):
        assert t(f"agreement.head.{clause}", "da") in text, clause
    for party in ("Bakkeby Kommune", "Røde Kors Bakkeby"):
        assert f"\n{party}\n" in text, party
    assert "ikke en kontrakt" in text and "juridisk eller økonomisk" in text
    assert "tavshedspligt" in text and "børneattest" in text and "forsikring" in text
    for label in ("Navn", "Stilling", "Dato", "Underskrift"):
        assert len(re.findall(rf"^{label}: _{{10,}}$", text, re.M)) >= 2, label
    assert "Ingen endnu." not in text
    empty = docx_text(files["samarbejdsaftale-Netværket-for-nye-borgere.docx"])
    assert "Ingen endnu." not in empty and empty.count("_" * 20) >= 8
    from docx import Document

    data = __import__("kit.steps.follow_up.report", fromlist=["x"]).forum_document(
        w, "f1", "agreement", "en")
    english = docx_text(data)
    assert "declaration of intent" in english and "Signatures" in english
    doc = Document(io.BytesIO(data))
    assert {el.get(f"{W}val") for el in doc.styles.element.iter(f"{W}lang")} == {"en-GB"}
    assert "23 November 2026" in doc.sections[0].footer.paragraphs[0].text
    assert "Page" in doc.sections[0].footer.paragraphs[0].text


def test_the_forum_agenda_marks_overdue_actions(documents):
    w, files = documents
    text = docx_text(files["dagsorden-Koordineringsforum-Bakkeby.docx"])
    assert "Dagsorden: Koordineringsforum Bakkeby, 12. januar 2027" in text
    for item in ("Dato: 12. januar 2027", "Tidspunkt: ikke aftalt endnu",
                 "Sted: ikke aftalt endnu",
                 "1. Godkendelse af dagsordenen", "2. Godkendelse af referatet fra sidste møde",
                 "Runden om bordet", "Nyt fra kommunen", "Status på de frivilliges",
                 "Eventuelt", "Næste møde"):
        assert item in text, item
    from docx import Document

    table = Document(io.BytesIO(files["dagsorden-Koordineringsforum-Bakkeby.docx"])).tables[0]
    rows = {r.cells[1].text: r.cells[4].text for r in table.rows[1:]}
    assert rows["Finde lokale til møbellager"].endswith("fristen er overskredet")
    assert rows["Første sprogcafé om aftenen"].endswith("fristen er overskredet")
    assert "overskredet" not in rows["Fælles kalender over alle tilbud"]   # no due date


# -- kit report writes every document --------------------------------------------------------
def test_kit_report_writes_every_document_named_in_its_language(tmp_path):
    from test_cli import kit_cmd

    db = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    kit_cmd("import", str(SAMPLE), "--database-url", db)
    printed = kit_cmd("report", "BKY4MT", "-o", str(tmp_path / "da"), "--agenda-date",
                      "2027-01-12", "--database-url", db).stdout
    files, missing = printed.split("\n\n", 1)
    names = [p.rsplit("/", 1)[1] for p in files.split()]
    assert missing.startswith("Det mangler i dokumenterne")
    assert "rapport.docx: 3 oplysninger mangler\n  - Begrundelse for valget\n" in missing
    assert "  - Koordineringsforum Bakkeby: tidspunkt\n" in missing    # the store has none
    assert names[:3] == ["rapport.docx", "rapport.html", "rapport.xlsx"]
    assert {"kommissorium-Boliggruppen.docx", "arbejdsgrupper.xlsx",
            "samarbejdsaftale-Koordineringsforum-Bakkeby.docx",
            "dagsorden-Koordineringsforum-Bakkeby.docx", "aktivitetsoversigt.xlsx"} <= set(names)
    assert len(names) == 15 and "ledelsesnotat.docx" in names
    out = kit_cmd("report", "BKY4MT", "-o", str(tmp_path / "en"), "--language", "en",
                  "--internal", "--database-url", db).stdout.split("\n\n")
    names = [p.rsplit("/", 1)[1] for p in out[0].split()]
    assert out[1].splitlines()[1].endswith("INTERNAL-individual-answers.xlsx")
    assert "INTERNAL-individual-answers.xlsx" not in names
    assert out[2].startswith("What the documents are missing")
    assert "report.docx: 3 facts missing" in out[2]
    assert {"report.docx", "working-groups.xlsx", "activity-overview.xlsx",
            "partnership-agreement-Koordineringsforum-Bakkeby.docx"} <= set(names)
    assert "Report: Sammen om modtagelsen" in docx_text((tmp_path / "en" / "report.docx")
                                                        .read_bytes())


# -- the report as printed: LibreOffice ------------------------------------------------------
def test_the_report_converts_to_pdf_with_figures_inside_the_text(documents, tmp_path):
    import os

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("KIT_REQUIRE_SOFFICE"):
            pytest.fail("LibreOffice (soffice) is required here")
        pytest.skip("LibreOffice is not installed")
    w, files = documents
    (tmp_path / "rapport.docx").write_bytes(files["rapport.docx"])
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "rapport.docx")], check=True, capture_output=True,
                   timeout=180)
    pdf = (tmp_path / "rapport.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 6 <= pages <= 12, pages
    # every image drawn on a page fits between the margins: A4 is 595 pt wide, the text 16 cm
    text_pt = 16 / 2.54 * 72
    if shutil.which("pdfimages"):
        listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "rapport.pdf")],
                                 capture_output=True, text=True, check=True).stdout
        assert len(listing.splitlines()) - 2 >= 4          # the four figures
    from docx import Document

    doc = Document(io.BytesIO(files["rapport.docx"]))
    for shape in doc.inline_shapes:
        assert shape.width.pt <= text_pt + 0.5
    if shutil.which("pdftotext"):
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "rapport.pdf"),
                                "-"], capture_output=True, text=True, check=True).stdout
        assert "Resumé" in first and "Deltagere pr. sektor" not in first   # one page
