"""Message catalogs: complete where they must be, and every key the code uses exists."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kit import errors
from kit.core.model import LANGUAGES
from kit.i18n import catalog, t

KIT = Path(__file__).resolve().parent.parent / "kit"
PARTICIPANT_PREFIXES = ("participant.", "common.", "phase.", "phase_hint.", "sector.",
                        "language.", "card.", "category.", "idea.", "vote.")
PARTICIPANT_VOTE_KEYS = ("vote.left", "vote.add", "vote.remove", "vote.closed", "vote.waiting",
                         "vote.mine")
KEY_LITERAL = re.compile(r"""["']((?:participant|facilitator|board|common|error|guidance|"""
                         r"""language|card|category|timeline|review|overview|bulk|idea|themes|vote)"""
                         r"""\.[a-z_.]+)["']""")
PARTICIPANT_ERRORS = ("error.generic", "error.unknown_workshop", "error.workshop_closed",
                      "error.unknown_participant", "error.invalid_sector", "error.invalid_name",
                      "error.invalid_text", "error.invalid_value", "error.facilitator_only",
                      "error.store_busy", "error.store_unavailable", "error.invalid_weeks",
                      "error.unknown_card", "error.not_yours", "error.step_closed",
                      "error.unknown_idea", "error.voting_closed", "error.over_budget",
                      "error.over_theme_cap", "error.not_a_candidate", "error.no_dots_there",
                      "error.store_full", "error.not_a_group_theme", "error.duplicate_rank",
                      "error.preferences_closed")


def test_english_has_every_danish_key_and_no_other():
    assert set(catalog("en")) == set(catalog("da"))


@pytest.mark.parametrize("language", LANGUAGES[2:])
def test_participant_screens_are_translated(language):
    needed = {k for k in catalog("da") if k.startswith(PARTICIPANT_PREFIXES)
              and (not k.startswith("vote.") or k in PARTICIPANT_VOTE_KEYS)}
    needed |= set(PARTICIPANT_ERRORS)
    missing = needed - set(catalog(language))
    assert missing == set()


def fields(entry):
    """The placeholders of an entry (of its `other` form when it has plural forms)."""
    text = entry["other"] if isinstance(entry, dict) else entry
    return set(re.findall(r"{(\w+)}", text))


@pytest.mark.parametrize("language", ["da", "en", "uk", "ar"])
def test_placeholders_match_danish(language):
    for key, entry in catalog(language).items():
        if key == "language.plural":
            continue
        assert fields(entry) == fields(catalog("da")[key]), key
        # a form may name the number in words ("ملاحظة واحدة", one note) but adds no field
        for form in (entry.values() if isinstance(entry, dict) else ()):
            assert set(re.findall(r"{(\w+)}", form)) <= fields(entry), (key, form)


def test_every_key_used_in_code_exists():
    used = set()
    for path in KIT.rglob("*.py"):
        src = path.read_text("utf-8")
        found = re.findall(KEY_LITERAL, src)
        used |= set(found) - {"participant.ipynb", "facilitator.ipynb"}
    assert used, "the scan found no keys: the pattern is broken"
    assert used - set(catalog("da")) == set()


def test_every_error_class_has_a_message():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)
    for cls in subclasses(errors.KitError):
        assert cls.key in catalog("da") and cls.key in catalog("en"), cls


def test_dynamic_keys_exist_for_every_phase_and_sector():
    from kit.model import Category, Phase, Sector

    for phase in Phase:
        for lang in ("da", "en", "uk", "ar"):
            assert catalog(lang).get(f"phase.{phase.value}"), (lang, phase)
            assert catalog(lang).get(f"phase_hint.{phase.value}"), (lang, phase)
        assert catalog("da").get(f"guidance.{phase.value}")
        assert catalog("en").get(f"guidance.{phase.value}")
    for sector in Sector:
        assert all(catalog(lang).get(f"sector.{sector.value}") for lang in ("da", "en", "uk", "ar"))
    for category in Category:
        assert all(catalog(lang).get(f"category.{category.value}")
                   for lang in ("da", "en", "uk", "ar")), category


def test_fallback_never_shows_a_key():
    assert t("facilitator.title", "ar") == catalog("en")["facilitator.title"]
    with pytest.raises(KeyError):
        t("no.such.key")


def test_guidance_is_not_copied_from_the_catalogue():
    """Guidance is written in our own words: no 8-word run of the method catalogue appears."""
    seed = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
    source = " ".join(p.read_text("utf-8") for p in seed.glob("*.txt")) if seed.exists() else ""
    if not source:
        pytest.skip("seed documents not beside the repository")
    words = re.findall(r"\w+", source.lower())
    runs = {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
    for key, text in texts_of("da"):
        mine = re.findall(r"\w+", text)
        copied = [" ".join(mine[i:i + 8]) for i in range(len(mine) - 7)
                  if " ".join(mine[i:i + 8]) in runs]
        assert copied == [], key


def test_numbers_follow_cldr_through_babel_in_every_language():
    """The catalogs' number symbols are CLDR's (Babel's data), and `number` writes what
    Babel writes, for the values the screens show."""
    from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

    from kit.i18n import LOCALES, catalog, number

    for language, locale in LOCALES.items():
        assert catalog(language)["number.decimal"] == get_decimal_symbol(locale)
        assert catalog(language)["number.group"] == get_group_symbol(locale)
        for value in (0, 3, 24.7333, 1234.5, 1234567.25, 0.05):
            for decimals in (0, 1):
                pattern = "#,##0" + (".0" if decimals else "")
                assert number(value, language, decimals) == format_decimal(
                    value, format=pattern, locale=locale), (language, value, decimals)


CATALOGS = sorted(p.stem for p in (KIT / "i18n").glob("*.json") if p.stem != "glossary")
STEP_CATALOGS = sorted(KIT.glob("steps/*/i18n"))


def test_every_catalog_file_is_a_language():
    assert set(CATALOGS) == set(LANGUAGES)
    assert STEP_CATALOGS, "no step keeps its own words: the glob is broken"
    for folder in STEP_CATALOGS:  # a step's words in every language the kit has
        assert {p.name for p in folder.iterdir()} == {f"{x}.json" for x in LANGUAGES}, folder


def test_the_catalog_gathers_every_file_of_a_language():
    """What `t` finds is the shared file and every step's, each key once."""
    for language in LANGUAGES:
        files = [KIT / "i18n" / f"{language}.json",
                 *(folder / f"{language}.json" for folder in STEP_CATALOGS)]
        keys = [key for path in files for key in json.loads(path.read_text("utf-8"))]
        assert len(keys) == len(set(keys)) == len(catalog(language)), language
    assert t("vote.add", "ar") == json.loads(
        (KIT / "steps" / "voting" / "i18n" / "ar.json").read_text("utf-8"))["vote.add"]


def test_a_key_lives_in_the_same_file_in_every_language():
    """A step's key is in its folder for every language (the Danish text and its
    translations are edited side by side), and no step's prefix is left in the shared file
    (a branch merged after the move added one there: `python tools/split_by_step.py`)."""
    where = {}
    for path in (*(KIT / "i18n").glob("*.json"), *KIT.glob("steps/*/i18n/*.json")):
        if path.stem == "glossary":
            continue
        for key in json.loads(path.read_text("utf-8")):
            where.setdefault(key, set()).add(path.parent)
    assert [key for key, folders in where.items() if len(folders) > 1] == []
    owned = {key.split(".")[0]: folder for key, (folder,) in where.items()
             if folder != KIT / "i18n"}
    shared = {key for key, (folder,) in where.items() if folder == KIT / "i18n"}
    assert sorted(k for k in shared if k.split(".")[0] in owned) == []


def test_the_split_tool_finds_nothing_left_to_move():
    """Every key and CSS rule owned by one step is in its folder: the tool the merge
    re-runs (`tools/split_by_step.py`) would move nothing."""
    import subprocess
    import sys

    tool = KIT.parent / "tools" / "split_by_step.py"
    out = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "would move: 0 catalog entries, 0 CSS rules" in out.stdout


DUPLICATE = """
import json, pathlib, sys
import kit.i18n as i18n
from kit.i18n import DuplicateKey

root = pathlib.Path(sys.argv[1])
step = root / "kit" / "steps" / "voting" / "i18n" / "da.json"
text = step.read_text("utf-8")
step.write_text(text.replace("{", '{"participant.join": "Igen",', 1), "utf-8")
i18n.catalog.cache_clear()
try:
    i18n.catalog("da")
except DuplicateKey as exc:
    print("across:", exc)
step.write_text(text, "utf-8")
i18n.catalog.cache_clear()
print("restored:", len(i18n.catalog("da")) > 100)
"""


def test_a_key_in_two_catalog_files_stops_loading(tmp_path):
    """Which text a screen showed would depend on the order files are read in: the loader
    names the key and both files instead (on a copy of the package)."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(KIT, tmp_path / "kit", ignore=shutil.ignore_patterns("__pycache__"))
    out = subprocess.run([sys.executable, "-c", DUPLICATE, str(tmp_path)], cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(tmp_path)}, capture_output=True,
                         text=True, timeout=120, check=True).stdout
    assert ("across: 'participant.join' in both kit/i18n/da.json and "
            "kit/steps/voting/i18n/da.json") in out
    assert "restored: True" in out


def test_no_key_twice_in_one_catalog_file():
    """JSON keeps the last of two equal keys without a word; the loader reads with the fast
    decoder, so this test is what catches a key pasted twice into one file."""
    def unique(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
        return dict(pairs)

    paths = [*(KIT / "i18n").glob("*.json"), *KIT.glob("steps/*/i18n/*.json")]
    assert len(paths) > 20
    for path in paths:
        json.loads(path.read_text("utf-8"), object_pairs_hook=unique)
    with pytest.raises(AssertionError):
        json.loads('{"vote.zz": "a", "vote.zz": "b"}', object_pairs_hook=unique)


@pytest.mark.parametrize("language", CATALOGS)
def test_each_catalog_describes_its_language_as_cldr_does(language):
    """Locale, direction and plural rules come from the catalog (a new language needs no
    code) and agree with Babel's CLDR data for every count a screen can show."""
    from decimal import Decimal

    from babel import Locale

    from kit.i18n import is_rtl, locale, plural, plural_rules

    cldr = Locale.parse(locale(language))
    assert is_rtl(language) == (cldr.character_order == "right-to-left")
    rules = plural_rules(language)
    assert plural.categories(rules) == set(cldr.plural_form.tags) | {"other"}
    for count in [*range(0, 1201), "0.5", "1.0", "2.5", "11.25"]:
        assert plural.category(rules, count) == cldr.plural_form(Decimal(str(count))), count


@pytest.mark.parametrize("language", CATALOGS)
def test_an_entry_with_a_count_holds_every_plural_form_of_its_language(language):
    from kit.i18n import plural, plural_rules

    wanted = plural.categories(plural_rules(language))
    for key, entry in catalog(language).items():
        if key == "language.plural":
            continue
        texts = entry.values() if isinstance(entry, dict) else [entry]
        if isinstance(entry, dict) or any("{count}" in text for text in texts):
            assert isinstance(entry, dict) and set(entry) == wanted, (key, language)


def test_counts_take_their_languages_plural_forms():
    assert [t("idea.count", "uk", count=n) for n in (1, 2, 5, 11, 21, 22)] == [
        "1 нотатка", "2 нотатки", "5 нотаток", "11 нотаток", "21 нотатка", "22 нотатки"]
    assert [t("idea.count", "ar", count=n) for n in (0, 1, 2, 3, 11, 100)] == [
        "0 ملاحظة", "ملاحظة واحدة", "ملاحظتان", "3 ملاحظات", "11 ملاحظة", "100 ملاحظة"]
    assert [t("idea.count", "da", count=n) for n in (1, 2)] == ["1 note", "2 noter"]
    assert t("vote.left", "en", left=0, budget=1, count=1) == "You have 0 of 1 dot left"
    assert errors.OverThemeCap(cap=3, count=3).message("uk").endswith("3 крапки.")
    with pytest.raises(TypeError):
        t("idea.count", "uk")  # a plural entry without a count is a programming error


GLOSSARY = {term: langs for term, langs in json.loads(
    (KIT / "i18n" / "glossary.json").read_text("utf-8")).items() if not term.startswith("_")}


def texts_of(language):
    for key, entry in catalog(language).items():
        if key.startswith("language."):
            continue
        for text in (entry.values() if isinstance(entry, dict) else [entry]):
            yield key, re.sub(r"{\w+}", "", text).lower()


@pytest.mark.parametrize("term", sorted(GLOSSARY))
def test_a_glossary_term_is_translated_one_way(term):
    """Every catalog uses the glossary's word for a concept and none of its alternatives
    (Ukrainian once said «ведучий» and «фасилітатор», «семінар» and «воркшоп»)."""
    for language, entry in GLOSSARY[term].items():
        assert language in LANGUAGES, language
        texts = list(texts_of(language))
        assert any(entry["use"].lower() in text for _, text in texts), (term, language)
        for other in entry["avoid"]:
            pattern = re.compile(r"(?<!\w)" + re.escape(other.lower()))
            assert [key for key, text in texts if pattern.search(text)] == [], (term, other)


def test_every_language_has_the_glossary():
    for term, langs in GLOSSARY.items():
        assert set(langs) == set(LANGUAGES), term


def test_an_ongoing_offer_runs_to_week_26_in_every_language():
    for language in LANGUAGES:
        assert t("card.weeks_hint", language).count("26") == 2, language


def test_dates_follow_the_locale():
    import datetime as dt

    from kit.i18n import date

    day = dt.date(2026, 11, 28)
    assert date(day, "da") == "28. november 2026"
    assert date(day, "en") == "28 November 2026"
    assert "листопада" in date(day, "uk")
    assert "نوفمبر" in date(day, "ar")
