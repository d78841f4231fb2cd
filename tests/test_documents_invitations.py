"""The invitations as sent (issue 27, item 6): a Word letter per invitee in the kit's
document style, in Danish and the invitee's language (Arabic right to left in Word too), and
a short text for an e-mail or a text message, both carrying the title, date, place, hours,
purpose and the personal RSVP link; the letters printed through LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from kit.steps.prepare.letter import invitation_letter, invitation_text, letters_zip, rsvp_link

URL = "http://10.0.0.2:8866/"
PURPOSE = "Vi aftaler, hvem der gør hvad de første uger.\nBagefter danner vi grupper."


@pytest.fixture
def invited(store):
    w = store.create_workshop("Velkommen i Assens", "Assens Kommune", date="2027-03-04")
    w.invites.set_details(purpose=PURPOSE, place="Rådhuset, mødesal 2", hours="17.00–20.00")
    actors = {lang: w.prepare.add_actor(name, kind, sector) for lang, name, kind, sector in (
        ("da", "Jobcentret", "forvaltning", "kommune"),
        ("uk", "Українська громада", "flygtninge", "flygtning"),
        ("ar", "الجمعية السورية", "flygtninge", "flygtning"))}
    rsvps = {lang: w.invites.invite(a.id, lang) for lang, a in actors.items()}
    return w, actors, rsvps


def paragraphs(data: bytes) -> list:
    doc = Document(io.BytesIO(data))
    cells = [p for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return [*doc.paragraphs, *cells]


def test_a_danish_letter_has_every_fact_and_the_personal_link(invited):
    w, actors, rsvps = invited
    data = invitation_letter(w, actors["da"], rsvps["da"], URL)
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in paragraphs(data))
    for fact in ("Du er inviteret til »Velkommen i Assens«", "Kære Jobcentret", "4. marts 2027",
                 "Rådhuset, mødesal 2", "17.00–20.00", "Vi aftaler, hvem der gør hvad",
                 "Bagefter danner vi grupper.", f"{URL}rsvp/{rsvps['da'].token}"):
        assert fact in text, fact
    assert rsvps["uk"].token not in text and w.code not in text  # nobody else's, no join code
    assert "Українська" not in text and doc.core_properties.author == "Assens Kommune"
    assert doc.paragraphs[0].style.name == "Title"  # the kit's style, as the other documents
    # no place or hours known: no line for them (rather than a blank)
    w.invites.set_details(place="", hours="")
    bare = "\n".join(p.text for p in paragraphs(invitation_letter(w, actors["da"],
                                                                  rsvps["da"], URL)))
    assert "Sted" not in bare and "Tidspunkt" not in bare and "____" not in bare


def test_an_arabic_letter_reads_right_to_left_after_the_danish_page(invited):
    w, actors, rsvps = invited
    data = invitation_letter(w, actors["ar"], rsvps["ar"], URL)
    doc = Document(io.BytesIO(data))
    body = doc.element.body.xml
    assert body.count('w:type="page"') == 1  # Danish page, then the Arabic one
    found = {p.text: p for p in paragraphs(data)}
    arabic = found["عزيزنا الجمعية السورية"]
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    assert "أنت مدعو إلى «Velkommen i Assens»" in found
    # left-to-right text on the Arabic page keeps its order: the Danish purpose, the times
    for ltr in ("17.00–20.00", PURPOSE.splitlines()[0]):
        shown = [p for text, p in found.items() if text == ltr]
        assert shown and all(p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None
                             for p in shown)
    first, second = doc.tables
    assert second._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    assert first._tbl.tblPr.find(qn("w:bidiVisual")) is None  # the Danish table as it was
    assert found["Kære الجمعية السورية"]._p.pPr is None or found[
        "Kære الجمعية السورية"]._p.pPr.find(qn("w:bidi")) is None


def test_the_short_text_in_both_languages(invited):
    w, _, rsvps = invited
    link = rsvp_link(URL, rsvps["uk"].token)
    text = invitation_text(w.state(), w.invites.details(), rsvps["uk"], link)
    danish, ukrainian = text.split("\n\n")
    assert danish.startswith("Du er inviteret til workshoppen »Velkommen i Assens« den "
                             "4. marts 2027.") and "Sted: Rådhuset, mødesal 2." in danish
    assert PURPOSE in danish and danish.endswith("Venlig hilsen Assens Kommune")
    assert ukrainian.startswith("Вас запрошено на семінар «Velkommen i Assens» 4 березня "
                                "2027\u202fр.\n") and "Час: 17.00–20.00." in ukrainian
    assert text.count(link) == 2 and link.endswith(rsvps["uk"].token)
    da_only = invitation_text(w.state(), w.invites.details(), rsvps["da"], "L")
    assert "\n\n" not in da_only and "Svar ja, nej eller måske her: L" in da_only
    # an invitee who shares nothing but their own link
    assert rsvps["ar"].token not in text and rsvps["da"].token not in text


def test_all_letters_in_one_zip(invited):
    w, actors, rsvps = invited
    names = zipfile.ZipFile(io.BytesIO(letters_zip(w, URL))).namelist()
    assert sorted(names) == sorted(["invitation-Jobcentret.docx",
                                    "invitation-Українська-громада.docx",
                                    "invitation-الجمعية-السورية.docx"])
    w.invites.uninvite(actors["uk"].id)
    assert len(zipfile.ZipFile(io.BytesIO(letters_zip(w, URL))).namelist()) == 2


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) is required for the letters as printed"
    return found


@pytest.mark.parametrize(("language", "pages"), [("da", 1), ("ar", 2)])
def test_the_letter_prints_on_a_page_per_language(invited, tmp_path, language, pages):
    w, actors, rsvps = invited
    source = tmp_path / f"letter-{language}.docx"
    source.write_bytes(invitation_letter(w, actors[language], rsvps[language], URL))
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    pdf = source.with_suffix(".pdf")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes())) == pages
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert rsvps[language].token in text and "17.00–20.00" in text
    if language == "ar":
        last = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "17.00–20.00" in last and rsvps["ar"].token in last
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / language)],
                   check=True, timeout=120)
    assert len(list(tmp_path.glob(f"{language}-*.png"))) == pages
