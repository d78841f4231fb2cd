"""Every participant can follow (issue 17): themes carry their area, the facilitator's texts
carry translations, phones show them in the phone's language (or the area's pictogram and
name), and the exchange format, the Python API and the facilitator's panel know them."""

from __future__ import annotations

import csv
import re
import shutil

import pytest

import kit
from kit import errors
from kit.model import Category, Phase
from kit.ui.areas import PICTOGRAMS, area_html, pictogram, title_html
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

from helpers import SAMPLE

URL = "http://192.0.2.10:8866/"


def test_every_area_has_a_pictogram_with_a_text_alternative():
    import xml.etree.ElementTree as ET

    assert set(PICTOGRAMS) == {c.value for c in Category}
    for area in PICTOGRAMS:
        svg = pictogram(area, "ar")
        root = ET.fromstring(svg)  # well-formed, nothing fetched: no href anywhere
        assert root.get("role") == "img" and root.get("aria-label") == kit.i18n.t(
            f"category.{area}", "ar")
        assert "href" not in svg and "http" not in svg.replace("http://www.w3.org", "")
    assert area_html("", "uk") == "" and "Житло" in area_html("bolig", "uk")


def test_themes_carry_their_area_guessed_and_changed_by_the_facilitator(store):
    w = store.create_workshop("Områder", "Aarhus")
    assert w.add_theme("Bolig og indflytning").area == "bolig"
    assert w.add_theme("Noget helt andet").area == ""
    anna = w.join("Anna", "kommune")
    w.set_phase(Phase.IDEAS)
    ideas = [w.add_idea(anna, text) for text in ("Sprogcafé om aftenen", "Flere tolke",
                                                 "Lektiehjælp til børn")]
    made = w.ideas.apply_themes([("Tema 1", [ideas[0].id, ideas[1].id]),
                                 ("Tema 2", [ideas[2].id])])
    assert [th.area for th in made] == ["sprog", "familie"]
    w.ideas.set_theme_area(made[0].id, Category.KOORDINERING)
    assert w.ideas.themes()[0].area == "koordinering"
    w.ideas.undo()
    assert w.ideas.themes()[0].area == "sprog"
    with pytest.raises(errors.InvalidValue):
        w.ideas.set_theme_area(made[0].id, "månen")


def test_translations_through_the_python_api_and_frames(store):
    w = store.create_workshop("Oversat", "Aarhus")
    bolig = w.add_theme("Bolig og indflytning")
    w.set_translation(bolig.id, "ar", "السكن والانتقال")
    w.set_translation(bolig.id, "uk", "Житло й заселення")
    w.set_translation(bolig.id, "uk", "Житло")            # a second time replaces
    frame = w.frames()["translations"]
    assert list(frame.columns) == ["item_id", "field", "language", "text"]
    assert sorted(frame["text"]) == ["Житло", "السكن والانتقال"]
    assert w.translated("uk") == {(bolig.id, "label"): "Житло"}
    w.set_translation(bolig.id, "uk", "")                 # empty takes it away
    assert [x.language for x in w.translations()] == ["ar"]
    for bad in ((bolig.id, "xx", "Hej"), ("t-none", "ar", "Hej")):
        with pytest.raises(errors.InvalidValue):
            w.set_translation(*bad)
    with pytest.raises(errors.InvalidValue):
        w.set_translation(bolig.id, "ar", "غرض", field="purpose")  # a theme has no purpose
    participant = store.workshop(w.code)
    with pytest.raises(errors.FacilitatorOnly):
        participant.set_translation(bolig.id, "ar", "سكن")
    w.ideas.delete_theme(bolig.id)
    assert w.translations() == []


def test_exchange_keeps_areas_and_translations_and_old_files_still_load(store, tmp_path):
    w = kit.import_workshop(SAMPLE, store)
    assert {th.id: th.area for th in w.ideas.themes()}["t1"] == "bolig"
    assert w.translated("ar")[("t1", "label")] == "السكن والانتقال"
    assert w.translated("uk")[("g1", "purpose")].startswith("Спокійний")
    old = tmp_path / "old"
    shutil.copytree(SAMPLE, old)
    (old / "translations.csv").unlink()
    with open(old / "themes.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with open(old / "themes.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(row[:-1] for row in rows)   # no area column
    again = kit.import_workshop(old, kit.open_store("sqlite://"))
    assert {th.area for th in again.ideas.themes()} == {""} and again.translations() == []


def test_a_translation_of_an_unknown_item_is_refused_on_import(tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(SAMPLE, bad)
    with open(bad / "translations.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(["t99", "label", "ar", "لا شيء"])
    with pytest.raises(errors.ImportBadValue) as err:
        kit.import_workshop(bad, kit.open_store("sqlite://"))
    assert "translations" in err.value.message("en")


def phone(store, code, name, language):
    app = ParticipantApp(store, code=code, language=language)
    app.name_input.value, app.sector_input.value = name, "flygtning"
    assert app.join()
    return app


def test_phones_vote_and_wish_in_their_language_with_the_area_where_untranslated(store):
    fac = FacilitatorApp(store, URL)
    w = fac.create("Alle kan følge med", "Bakkeby")
    fatima, olena = phone(store, w.code, "فاطمة أحمد", "ar"), phone(store, w.code, "Olena", "uk")
    fac.set_phase(Phase.THEMES)
    bolig, job = w.add_theme("Bolig og indflytning"), w.add_theme("Job og praktik")
    for th in (bolig, job):
        w.ideas.select_theme(th.id)
    w.set_translation(bolig.id, "ar", "السكن والانتقال")
    w.set_translation(bolig.id, "uk", "Житло й заселення")
    fac.set_phase(Phase.VOTING)
    w.voting.open_voting()
    for p in (fatima, olena):
        p.live.poll()
    ar_rows = [r.children[0].value for r in fatima.screen("voting").view.rows.children]
    uk_rows = [r.children[0].value for r in olena.screen("voting").view.rows.children]
    assert "السكن والانتقال" in ar_rows[0] and "Bolig" not in ar_rows[0]
    # untranslated: the Danish label, with the area's pictogram and name in Arabic
    assert "Job og praktik" in ar_rows[1] and "العمل والتعليم" in ar_rows[1]
    assert 'role="img"' in ar_rows[1] and "<bdi" in ar_rows[1]
    assert "Житло й заселення" in uk_rows[0] and "Робота й освіта" in uk_rows[1]
    # the group wishes: the same on the preference screen
    w.voting.choose_themes([bolig.id, job.id])
    fac.set_phase(Phase.GROUPS)
    fatima.live.poll()
    heads = [row.children[0].value for row in
             fatima.screen("groups").preference_view.rows.children]
    assert "السكن والانتقال" in heads[0] and "العمل والتعليم" in heads[1]


def test_the_console_says_which_languages_phones_use_and_what_lacks_a_translation(store):
    fac = FacilitatorApp(store, URL, language="en")
    w = fac.create("Sprog", "Bakkeby")
    for n in range(3):
        phone(store, w.code, f"Ahmad {n}", "ar")
    for n in range(2):
        phone(store, w.code, f"Olena {n}", "uk")
    phone(store, w.code, "Anna", "da")
    bolig = w.add_theme("Bolig")
    fac.refresh()
    panel = fac.languages
    text = re.sub(r"<[^>]+>", "", panel.summary.value)
    assert "3 phones in العربية" in text and "2 phones in Українська" in text
    assert "1 text lacks العربية" in text
    panel.texts[(bolig.id, "label", "ar")].value = "السكن"     # typed in the console
    panel.areas[bolig.id].value = "sprog"
    assert w.translated("ar") == {(bolig.id, "label"): "السكن"}
    assert w.ideas.themes()[0].area == "sprog"
    fac.refresh()
    assert "lacks العربية" not in panel.summary.value


def test_user_text_in_a_sentence_is_isolated():
    from kit.ui.parts import t_html

    html = t_html("mygroup.coordinator", "da", name="فاطمة <b>")
    assert html == "Tovholder: <bdi>فاطمة &lt;b&gt;</bdi>"
    assert t_html("mygroup.members", "en", names=["Anna", "فاطمة"]).endswith(
        "<bdi>Anna</bdi>, <bdi>فاطمة</bdi>")
    assert "<bdi>Anna</bdi>، <bdi>فاطمة</bdi>" in t_html("mygroup.members", "ar",
                                                     names=["Anna", "فاطمة"])
    assert title_html("Bolig", "bolig", "ar").endswith('<bdi class="kit-title-text">Bolig</bdi>')


def test_documents_isolate_user_text():
    """Word: a paragraph or cell that starts in Arabic is a right-to-left paragraph (Word's
    dir="auto"); HTML: every paragraph and cell carries dir="auto"."""
    import io
    import zipfile
    from types import SimpleNamespace

    from kit.reports._blocks import Block
    from kit.reports._docx import grid, new_document, to_bytes
    from kit.reports.workshop import report_html

    doc = new_document(SimpleNamespace(title="T", municipality="M", date="2026-11-28"), "da",
                       "T")
    doc.add_paragraph("لا نفهم الرسائل من البلدية في e-Boks.")
    doc.add_paragraph("Bolig og indflytning")
    grid(doc, ["Navn"], [["فاطمة أحمد"], ["Anna"]])
    xml = zipfile.ZipFile(io.BytesIO(to_bytes(doc))).read("word/document.xml").decode()
    assert xml.count("<w:bidi/>") == 2 and xml.count("<w:rtl/>") == 2
    page = report_html([Block("p", "فاطمة أحمد – 1. ønske"),
                        Block("table", "", header=("Navn",), rows=(("فاطمة",),))])
    assert '<p dir="auto">' in page and '<td dir="auto">' in page


def test_scripts_are_told_apart():
    from kit.core.script import direction, foreign, script

    assert script("لا نفهم الرسائل من البلدية في e-Boks.") == "arabic"
    assert script("Нам потрібен перекладач у лікаря") == "cyrillic"
    assert script("Flere sprogvenner til voksne") == "latin" and script("123 !") == ""
    assert foreign("ንሕና ሓገዝ ንደሊ") and not foreign("Lektiehjælp til børn")
    assert direction("e-Boks لا") == "ltr" and direction("1. فاطمة") == "rtl"


def test_notes_in_other_scripts_are_marked_and_set_aside_by_the_suggestion(store):
    from kit.ui.board import BoardApp

    fac = FacilitatorApp(store, URL)
    w = fac.create("Idéer", "Aarhus")
    anna, fatima = w.join("Anna", "kommune"), w.join("فاطمة", "flygtning")
    fac.set_phase(Phase.IDEAS)
    # (texts no other test uses: the near-identical folding is shared by the process and
    # does not compare two texts first seen in different calls, see the report)
    for text in ("Sprogvenner til nye familier", "Sprogcafé i weekenden", "Tolk ved lægen",
                 "Møbler til de nye boliger", "Hjælp med flyttekasser", "Husorden i opgangen"):
        w.add_idea(anna, text)
    arabic = w.add_idea(fatima, "لا نفهم الرسائل من البلدية في e-Boks.")
    ukrainian = w.add_idea(fatima, "Нам потрібен перекладач у лікаря")
    board = BoardApp(store, w.code, URL)
    board.live.poll()
    wall = board.screen(board.phase_now).ideas.value
    assert '<div class="kit-idea udfordring" dir="auto" lang="ar"><span class="kit-lang" ' \
           'lang="ar"><bdi>العربية</bdi></span>' in wall
    assert '<bdi>Українська</bdi>' in wall and wall.count("kit-lang") == 2
    fac.set_phase(Phase.THEMES)
    tools = fac.panel("themes").themes
    tools.count.value = 2
    tools.suggest.click()
    placed = {i.id: i.theme_id for i in w.ideas()}
    assert placed[arabic.id] is None and placed[ukrainian.id] is None   # set aside
    assert sum(theme is not None for theme in placed.values()) == 6
    assert "2 noter på andre sprog er lagt til side" in tools.other_languages.value
    w.ideas.assign_idea(arabic.id, w.ideas.themes()[0].id)
    fac.refresh()
    assert "1 note på et andet sprog" in tools.other_languages.value


TOY_PHONE = """
import kit
from kit.ui.participant import ParticipantApp

store = kit.open_store("sqlite://")
w = store.create_workshop("Legetøj", "Bakkeby")
phone = ParticipantApp(store, code=w.code, language="xx")
options = [label for label, _ in phone.language_picker.options]
print("picker:", options[-1])
print("join:", phone.join_button.description)
print("rtl:", "kit-rtl" in phone.root._dom_classes)
phone.name_input.value, phone.sector_input.value = "Ahmad", "flygtning"
assert phone.join()
w.set_phase("ideas")
phone.live.poll()
print("stored:", w.participants()[0].language)
print("count:", kit.i18n.t("idea.count", "xx", count=1), "/",
      kit.i18n.t("idea.count", "xx", count=7))
"""


def test_a_translator_adds_a_language_with_its_catalog_files_and_one_line(tmp_path):
    """What the README tells a translator: copy a language's catalog files (`kit/i18n/` and
    each step's `i18n/` folder) to `<code>.json`, translate them (and give its locale,
    direction and CLDR plural rules), add the code to `LANGUAGES`. Done on a copy of the
    package, then a phone is opened in the new language."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    package = Path(kit.__file__).resolve().parent
    copy = tmp_path / "kit"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for source in (package / "i18n" / "uk.json", *package.glob("steps/*/i18n/uk.json")):
        toy = json.loads(source.read_text("utf-8"))
        toy = {key: ({"one": f"[xx] {value['one']}", "other": f"[xx] {value['other']}"}
                     if isinstance(value, dict) and key != "language.plural" else
                     value if not isinstance(value, str) else f"[xx] {value}")
               for key, value in toy.items()}
        if source.parent == package / "i18n":
            toy.update({"language.name": "Toy", "language.locale": "so",
                        "language.direction": "rtl", "language.plural": {"one": "n = 1"},
                        "number.decimal": ".", "number.group": ","})
        target = copy / source.relative_to(package).parent / "xx.json"
        target.write_text(json.dumps(toy, ensure_ascii=False), "utf-8")
    model = copy / "core" / "model.py"
    source = model.read_text("utf-8")
    assert source.count('    "ar",\n)') == 1
    line = '    "ar",\n)'
    model.write_text(source.replace(line, '    "ar",\n    "xx",\n)'), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", TOY_PHONE], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert "picker: Toy" in out and "join: [xx] Приєднатися" in out and "rtl: True" in out
    assert "stored: xx" in out and "count: [xx] 1 нотатка / [xx] 7 нотатки" in out


def test_ground_rules_follow_the_phone_and_the_console_warns_before_the_step(store):
    """Issue 29 item 3: a ground-rule task and a house rule are translated like a theme,
    a phone in Arabic shows them so (the Danish text where none is written), and the console
    says what the next step's phones will lack while the step before it is on."""
    fac = FacilitatorApp(store, URL, language="en")
    w = fac.create("Regler", "Bakkeby")
    fatima = phone(store, w.code, "فاطمة", "ar")
    olena = phone(store, w.code, "Olena", "uk")
    rules = w.ground_rules
    shopping = rules.add_task("Følge til indkøb", "praktisk")
    rules.add_task("Hjælp med e-Boks", "økonomi")
    quiet = rules.add_house_rule("Vi svarer inden for to dage", agreed=True)
    rules.add_house_rule("Kladde, ikke vedtaget")
    fac.set_phase(Phase.GROUPS)  # the step before the ground rules
    warning = re.sub(r"<[^>]+>", "", fac.untranslated.value)
    assert "3 texts lack العربية" in warning and "3 texts lack Українська" in warning
    w.set_translation(shopping.id, "ar", "مرافقة للتسوق")
    w.set_translation(quiet.id, "ar", "نردّ خلال يومين")
    with pytest.raises(errors.InvalidValue):
        w.set_translation("nothing-here", "ar", "x")
    fac.refresh()
    warning = re.sub(r"<[^>]+>", "", fac.untranslated.value)
    assert "1 text lacks العربية" in warning and "3 texts lack Українська" in warning
    fac.set_phase(Phase.GROUND_RULES)
    assert fac.untranslated.value == ""  # nothing more to say once the step is on
    for p in (fatima, olena):
        p.live.poll()
    view = fatima.screen("ground_rules").view
    assert "مرافقة للتسوق" in view.card.label.value and "Følge" not in view.card.label.value
    assert "نردّ خلال يومين" in view.rules.value and "Kladde" not in view.rules.value
    uk = olena.screen("ground_rules").view
    assert "Følge til indkøb" in uk.card.label.value  # untranslated: the Danish title
    assert "Vi svarer inden for to dage" in uk.rules.value
    # the languages panel lists them for writing, and the exchange keeps them
    assert (quiet.id, "label", "uk") in fac.languages.texts
    rows = w.rows()
    assert {r["item_id"] for r in rows["translations"]} == {shopping.id, quiet.id}
    again = kit.open_store("sqlite://").import_rows(rows)
    assert again.translated("ar") == w.translated("ar")
