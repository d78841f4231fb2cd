"""The one-page brief for management: from the sample workshop, in Danish and English."""

from __future__ import annotations

import io

from docx import Document

from kit.reports.brief import brief_document, brief_points, write_brief


def test_the_brief_says_who_what_groups_asks_and_value(sample, tmp_path):
    points = brief_points(sample, "en")
    assert list(points) == ["brief.who", "brief.agreed", "brief.groups", "brief.asks",
                            "brief.value"]
    assert points["brief.who"][0].startswith("24 participants")
    assert len(points["brief.groups"]) == 3
    assert any("tasks have been divided" in line for line in points["brief.agreed"])
    assert any("House rule" in line for line in points["brief.agreed"])
    assert any("refugees have said themselves" in line for line in points["brief.value"])
    doc = Document(io.BytesIO(brief_document(sample, "da")))
    text = [p.text for p in doc.paragraphs]
    assert text[0] == "Til ledelsen: Sammen om modtagelsen"
    assert "Hvad samarbejdet beder ledelsen om" in text
    assert len(text) < 40  # one page: headings and short lines
    assert write_brief(sample, tmp_path).name == "ledelsesnotat.docx"


def test_an_empty_workshop_still_gets_a_brief(store):
    w = store.create_workshop("Tom", "Aarhus")
    doc = Document(io.BytesIO(brief_document(w, "en")))
    assert "What the municipality gains" in [p.text for p in doc.paragraphs]


def test_the_brief_counts_in_words_that_agree():
    """"1 områder" was printed; a count takes its plural form, and a division of tasks adds
    up (the tasks the municipality keeps out of are named too)."""
    from kit.i18n import t

    assert t("brief.value_gaps", "da", count=1) == "1 område har stort behov og få tilbud."
    assert t("brief.value_gaps", "da", count=3).startswith("3 områder")
    line = t("brief.agreed_rules", "da", tasks=8, volunteers=3, professional=1, together=3,
             outside=1)
    assert "i 1 holder kommunen sig ude" in line
    inside = t("brief.agreed_rules_inside", "da", tasks=3, volunteers=1, professional=1,
               together=1)
    assert inside.endswith("og 1 løses sammen.") and "holder" not in inside


def test_the_brief_words_one_area_a_weekday_and_early_offers_right(sample):
    """Issue 30's wording: one area in the singular, a typed weekday in lower case in the
    middle of a sentence, no "15 of them …, of these 15", and the dropped top theme with
    its reason (here still missing, written the one way)."""
    points = brief_points(sample, "da")
    lines = [line for section in points.values() for line in section]
    text = "\n".join(lines)
    assert "første møde tirsdag 8/12 kl. 17, rådhuset." in text
    assert "Flygtningene selv peger på et område med udækkede behov: Økonomi." in text
    assert "15 af dem drives af civilsamfundet, og de begynder alle i de første tolv uger" \
        in text and "heraf 15" not in text
    assert "»Job og praktik« fik flest prikker (22), men arbejdes der ikke videre med. " \
        "Begrundelse: ikke aftalt endnu." in lines
    sample.voting.set_choice_reason("Jobcentret har et forløb.")
    assert "Begrundelse: Jobcentret har et forløb." in "\n".join(brief_points(sample, "da")
                                                                ["brief.agreed"])
    english = "\n".join(line for s in brief_points(sample, "en").values() for line in s)
    assert "first meeting Tirsdag 8/12" in english    # typed in Danish, left as typed
