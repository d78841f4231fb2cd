"""Fields instead of blanks (issue 27): the partnership agreement prints its period and
review date, each working group's terms print its first meeting's date, time and place,
and `kit report` lists each of them as missing while empty and no longer once filled.
The agreement is looked at as printed (LibreOffice → PDF)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

import kit
from kit import errors
from kit.cli import SAMPLE
from kit.reports._docx import FILL_IN

AGREEMENT = "samarbejdsaftale-Koordineringsforum-Bakkeby.docx"
LANGUAGE_TERMS = "kommissorium-Sproggruppen.docx"


def docx_paragraphs(data: bytes) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def section(paragraphs: list[str], heading: str) -> list[str]:
    """The paragraphs after the heading that ends with `heading`, up to the next numbered
    heading."""
    start = next(n for n, p in enumerate(paragraphs) if p.endswith(heading))
    rest = paragraphs[start + 1:]
    end = next((n for n, p in enumerate(rest) if p[:1].isdigit() and ". " in p[:4]),
               len(rest))
    return rest[:end]


def missing_part(printed: str) -> str:
    return printed.split("\n\n", 1)[1]


def test_kit_report_lists_the_blanks_before_and_not_after_filling(tmp_path):
    from test_cli import kit_cmd

    db = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    workshop_id = kit_cmd("import", str(SAMPLE), "--database-url", db).stdout.split()[1]
    before = missing_part(kit_cmd("report", "BKY4MT", "-o", str(tmp_path / "before"),
                                  "--database-url", db).stdout)
    assert (f"{AGREEMENT}: 3 oplysninger mangler\n"
            "  - Koordineringsforum Bakkeby: aftalens startdato\n"
            "  - Koordineringsforum Bakkeby: aftalens slutdato\n"
            "  - Koordineringsforum Bakkeby: datoen for evaluering af aftalen\n") in before
    assert (f"{LANGUAGE_TERMS}: 3 oplysninger mangler\n"
            "  - Sproggruppen: første møde\n"
            "  - Sproggruppen: klokkeslæt for første møde\n"
            "  - Sproggruppen: sted for første møde\n") in before
    # the agreement has a line to fill in for each date while they are not agreed
    period = section(docx_paragraphs((tmp_path / "before" / AGREEMENT).read_bytes()),
                     "Periode og evaluering")
    assert period[:3] == [f"Aftalen gælder fra: {FILL_IN}", f"Aftalen gælder til: {FILL_IN}",
                          f"Næste evaluering: {FILL_IN}"]

    store = kit.open_store(db)
    w = store.facilitate(workshop_id)
    w.partnership.set_agreement("2027-01-01", "2028-12-31", "2027-06-15")
    sprog = next(g for g in w.groups() if g.name == "Sproggruppen")
    w.groups.set_first_meeting(sprog.id, "2027-01-19", "17", "Biblioteket, lokale 2")
    store.close()

    after = missing_part(kit_cmd("report", "BKY4MT", "-o", str(tmp_path / "after"),
                                 "--database-url", db).stdout)
    assert AGREEMENT not in after and LANGUAGE_TERMS not in after
    assert "aftalens" not in after and "Sproggruppen" not in after
    assert "Koordineringsforum Bakkeby: tidspunkt" in after   # the agenda's own gaps stay
    period = section(docx_paragraphs((tmp_path / "after" / AGREEMENT).read_bytes()),
                     "Periode og evaluering")
    assert period[:3] == ["Aftalen gælder fra: 1. januar 2027",
                          "Aftalen gælder til: 31. december 2028",
                          "Næste evaluering: 15. juni 2027"]
    assert not any(FILL_IN in p for p in period)
    # with the period agreed, the clause no longer says it is agreed at the first meeting
    assert not any("første møde" in p for p in period)
    terms = docx_paragraphs((tmp_path / "after" / LANGUAGE_TERMS).read_bytes())
    assert "Første møde: tirsdag den 19. januar 2027" in terms
    assert "Klokken: 17:00" in terms and "Sted: Biblioteket, lokale 2" in terms
    assert not any(FILL_IN in p for p in terms if p.startswith(("Første", "Klokken", "Sted")))
    # the report and the brief name the meeting in words
    assert "tirsdag den 19. januar 2027 kl. 17:00, Biblioteket, lokale 2" in "\n".join(
        docx_paragraphs((tmp_path / "after" / "ledelsesnotat.docx").read_bytes()))


def test_an_older_free_text_meeting_is_printed_as_written_and_not_missing(sample):
    from kit.reports.workshop import documents

    w = sample
    found = documents(w, "da").missing
    assert not any("Boliggruppen" in x for x in found["kommissorium-Boliggruppen.docx"])
    bolig = next(g for g in w.groups() if g.name == "Boliggruppen")
    paragraphs = docx_paragraphs(documents(w, "da").files["kommissorium-Boliggruppen.docx"])
    assert f"Første møde: {bolig.first_meeting}" in paragraphs
    # a date replaces the free text, and its translations go with it
    w.set_translation(bolig.id, "uk", "Вівторок", field="first_meeting")
    w.groups.set_first_meeting(bolig.id, "2027-02-02")
    g = w.groups.group(bolig.id)
    assert (g.first_meeting, g.first_meeting_date) == ("", "2027-02-02")
    assert not [x for x in w.translations() if x.item_id == bolig.id
                and x.field == "first_meeting"]
    facts = documents(w, "da").missing["kommissorium-Boliggruppen.docx"]
    assert facts == ["Boliggruppen: klokkeslæt for første møde",
                     "Boliggruppen: sted for første møde"]


@pytest.mark.parametrize("time", ["25:00", "17:60", "kl. 17", "<script>", "=1+1", "\u202e17"])
def test_a_wrong_time_says_so_and_changes_nothing(sample, time):
    w = sample
    g = w.groups()[2]
    with pytest.raises(errors.InvalidTime) as caught:
        w.groups.set_first_meeting(g.id, "2027-01-19", time, "Biblioteket")
    assert "er ikke et klokkeslæt" in caught.value.message("da")
    assert "is not a time of day" in caught.value.message("en")
    assert w.groups.group(g.id) == g


@pytest.mark.parametrize("bad", ["2027-02-30", "19/1", "x" * 300])
def test_a_wrong_date_or_place_changes_nothing(sample, bad):
    w = sample
    g = w.groups()[2]
    with pytest.raises(errors.KitError) as caught:
        w.groups.set_first_meeting(g.id, bad if len(bad) < 20 else "2027-01-19", "17",
                                   bad if len(bad) > 20 else "Biblioteket")
    assert ("Første møde" in caught.value.message("da") or
            "Sted for første møde" in caught.value.message("da"))
    assert w.groups.group(g.id) == g


def test_agreement_dates_are_checked_with_a_clear_message(sample):
    p = sample.partnership
    p.set_agreement("2027-01-01", "2028-12-31", "2027-06-15")
    before = p.state()
    with pytest.raises(errors.AgreementEndsBeforeStart) as caught:
        p.set_agreement(end="2026-12-31")
    assert "kan ikke slutte (2026-12-31), før den begynder (2027-01-01)" in \
        caught.value.message("da")
    with pytest.raises(errors.ReviewBeforeStart) as caught:
        p.set_agreement(review="2026-06-01")
    assert "cannot be reviewed" in caught.value.message("en")
    with pytest.raises(errors.InvalidValue) as caught:
        p.set_agreement(start="1. januar")
    assert "»Aftalen gælder fra«" in caught.value.message("da")
    assert p.state() == before
    p.set_agreement("", "", "")   # cleared: blank lines again
    assert (p.state().agreement_start, p.state().agreement_review) == ("", "")


def test_the_agreement_as_printed_has_its_period_and_no_blank_for_it(sample, tmp_path):
    from kit.steps.follow_up.report import forum_document

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.fail("LibreOffice and pdftotext are needed to look at the printed agreement")
    w = sample
    w.partnership.set_agreement("2027-01-01", "2028-12-31", "2027-06-15")
    (tmp_path / "aftale.docx").write_bytes(forum_document(w, "f1", "agreement", "da"))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "aftale.docx")], check=True, capture_output=True,
                   timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "aftale.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [" ".join(x.split()) for x in text.splitlines()]
    assert "Aftalen gælder fra: 1. januar 2027" in lines
    assert "Aftalen gælder til: 31. december 2028" in lines
    assert "Næste evaluering: 15. juni 2027" in lines
    assert not [x for x in lines if x.startswith(("Aftalen gælder", "Næste evaluering"))
                and "___" in x]
