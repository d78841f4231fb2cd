"""The friend programme's gap per municipality, campaign target, and the national map and
table (`kit.friends.gap`, `campaign`, `map_svg`, `map_table`, `municipalities`)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

import kit.friends as friends
from kit.steps.friends.map import R_MIN, radius

TODAY = dt.date(2026, 12, 1)
SVG = "{http://www.w3.org/2000/svg}"


def tables():
    """Aarhus: 4 Arabic-speaking households and 1 Tigrinya, one Arabic volunteer with room
    for 2; Odense: 1 Ukrainian household, a Danish volunteer family (no shared language);
    Vejle: a volunteer with nobody waiting."""
    waiting = pd.DataFrame({
        "id": ["a1", "a2", "a3", "a4", "t1", "u1"],
        "municipality": ["Aarhus"] * 5 + ["Odense"],
        "languages": ["ar", "ar", "ar,da", "ar", "ti", "uk"],
        "adults": [1] * 6, "children": [0, 1, 0, 0, 2, 1],
        "interests": [""] * 6,
        "waiting_since": ["2026-11-01", "2026-06-01", "2026-10-01", "2026-09-01",
                          "2025-12-01", "2026-11-21"]})
    volunteers = pd.DataFrame({
        "id": ["va", "vo", "vv"], "municipality": ["Aarhus", "Odense", "Vejle"],
        "languages": ["ar,da", "da", "da"], "kind": ["person", "family", "person"],
        "capacity": [2, 1, 3], "interests": ["", "", ""]})
    friendships = pd.DataFrame({"municipality": ["Aarhus", "Aarhus", "Vejle"]})
    return waiting, volunteers, friendships


def test_the_gap_counts_per_municipality():
    waiting, volunteers, friendships = tables()
    gap = friends.gap(waiting, volunteers, friendships, today=TODAY).set_index("municipality")
    assert len(gap) == 98
    assert gap.loc["Aarhus"].to_dict() == {
        "waiting": 5, "places": 2, "active": 2, "longest_wait_days": 365, "matched": 2,
        "unmatched": 3, "places_left": 0}
    assert gap.loc["Odense"].to_dict() == {
        "waiting": 1, "places": 1, "active": 0, "longest_wait_days": 10, "matched": 0,
        "unmatched": 1, "places_left": 1}
    assert gap.loc["Vejle", "places_left"] == 3 and gap.loc["Vejle", "active"] == 1
    assert gap.loc["Læsø"].sum() == 0
    assert list(gap.index[:2]) == ["Aarhus", "Odense"]   # largest gap first


def test_the_gap_reuses_the_proposals_and_checks_them():
    waiting, volunteers, _ = tables()
    proposed = friends.match(waiting, volunteers, today=TODAY)
    assert set(proposed["refugee_id"]) == {"a2", "a4"}       # the two who waited longest
    same = friends.gap(waiting, volunteers, proposed=proposed, today=TODAY)
    pd.testing.assert_frame_equal(same, friends.gap(waiting, volunteers, today=TODAY))
    fewer = friends.gap(waiting, volunteers, proposed=proposed.iloc[:1], today=TODAY)
    assert fewer.set_index("municipality").loc["Aarhus", "unmatched"] == 4
    wrong = proposed.assign(volunteer_id=["nobody", "va"])
    with pytest.raises(friends.FriendsBadValue) as caught:
        friends.gap(waiting, volunteers, proposed=wrong, today=TODAY)
    assert "“nobody”" in caught.value.message("en")
    with pytest.raises(friends.FriendsMissingColumn):
        friends.gap(waiting, volunteers, pd.DataFrame({"x": [1]}), today=TODAY)
    only_there = friends.gap(waiting, volunteers, every_municipality=False, today=TODAY)
    assert sorted(only_there["municipality"]) == ["Aarhus", "Odense", "Vejle"]


def test_the_campaign_target_per_language():
    waiting, volunteers, _ = tables()
    target = friends.campaign(waiting, volunteers, today=TODAY, language="en")
    assert target.to_dict("list") == {"language": ["ar", "ti", "uk"],
                                      "name": ["Arabic", "Tigrinya", "Ukrainian"],
                                      "needed": [2, 1, 1]}
    assert friends.campaign_text(target, None, "en") == (
        "To match everyone waiting in the whole country we need 4 more volunteers: "
        "2 speaking Arabic, 1 speaking Tigrinya and 1 speaking Ukrainian.")
    aarhus = friends.campaign(waiting, volunteers, municipalities=["Aarhus"], today=TODAY,
                              per_volunteer=2)
    assert aarhus.to_dict("list") == {"language": ["ar", "ti"], "name": ["arabisk", "tigrinya"],
                                      "needed": [1, 1]}
    assert friends.campaign_text(aarhus, ["Aarhus"], "da") == (
        "For at alle, der venter i Aarhus, kan få en ven, mangler vi 2 frivillige mere: "
        "1 der taler arabisk og 1 der taler tigrinya.")
    uk = friends.campaign_text(target, ["Aarhus", "Odense"], "uk")
    assert "4 волонтери" in uk and "Aarhus" in uk
    vejle = friends.campaign(waiting, volunteers, municipalities=["Vejle"], today=TODAY)
    assert vejle.empty
    assert friends.campaign_text(vejle, ["Vejle"], "en") == (
        "Everyone waiting in Vejle can be matched with the volunteers there are now.")


def test_the_municipalities_file():
    places = friends.municipalities()
    assert len(places) == 98 and places["name"].is_unique and places["code"].is_unique
    assert places["lat"].between(54.5, 57.8).all() and places["lon"].between(8.0, 15.2).all()
    assert set(places["region"]) == {"Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland",
                                     "Nordjylland"}
    assert places.groupby("region").size().to_dict() == {
        "Hovedstaden": 29, "Midtjylland": 19, "Nordjylland": 11, "Sjælland": 17,
        "Syddanmark": 22}


@pytest.mark.parametrize("language", ["da", "en", "uk", "ar"])
def test_the_map_is_a_self_contained_svg_with_a_mark_per_municipality(language):
    waiting, volunteers, _ = tables()
    gap = friends.gap(waiting, volunteers, today=TODAY)
    svg = friends.map_svg(gap, language)
    root = ET.fromstring(svg)
    marks = root.findall(f"{SVG}circle")
    assert len(marks) == 98
    by_place = {m.get("data-municipality"): m for m in marks}
    r = {p: float(by_place[p].get("r")) for p in ("Aarhus", "Odense", "Vejle")}
    assert r["Aarhus"] > r["Odense"] > r["Vejle"] == R_MIN
    tip = by_place["Aarhus"].find(f"{SVG}title").text
    assert tip.startswith("Aarhus") and "5" in tip and "3" in tip
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "href" not in svg and "<script" not in svg
    assert (root.get("{http://www.w3.org/XML/1998/namespace}lang") == language)
    texts = root.findall(f"{SVG}text")
    assert all((t.get("direction") == "rtl") == (language == "ar") for t in texts)


def test_mark_sizes_grow_with_the_gap():
    sizes = [radius(n, 100) for n in (0, 1, 5, 25, 50, 100)]
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes)
    gap = pd.DataFrame({"municipality": ["Aarhus", "Odense", "Aalborg", "Nowhere"],
                        "waiting": [9, 4, 1, 7], "unmatched": [9, 4, 1, 7]})
    marks = ET.fromstring(friends.map_svg(gap)).findall(f"{SVG}circle")
    assert len(marks) == 3                                  # a name not on the map: table only
    radii = {m.get("data-municipality"): float(m.get("r")) for m in marks}
    assert radii["Aarhus"] > radii["Odense"] > radii["Aalborg"]
    assert [m.get("data-municipality") for m in marks] == ["Aarhus", "Odense", "Aalborg"]


def test_the_table_has_headers_in_the_readers_language():
    waiting, volunteers, friendships = tables()
    gap = friends.gap(waiting, volunteers, friendships, today=TODAY)
    da = friends.map_table(gap, "da")
    assert list(da.columns[:3]) == ["Kommune", "Husstande der venter",
                                    "Ledige pladser hos frivillige"]
    assert friends.map_table(gap, "ar").columns[0] == "البلدية"
    assert da.iloc[0].tolist() == ["Aarhus", 5, 2, 2, 365, 2, 3, 0]


def test_names_are_escaped_in_the_svg():
    gap = pd.DataFrame({"municipality": ["<script>alert(1)</script>", "Aarhus & Co", "Odense"],
                        "waiting": [9, 3, 1], "unmatched": [9, 3, 1]})
    svg = friends.map_svg(gap)
    assert "<script" not in svg and "&lt;script&gt;" in svg    # in the "largest gaps" line
    root = ET.fromstring(svg)
    assert [m.get("data-municipality") for m in root.findall(f"{SVG}circle")] == ["Odense"]


def test_every_friends_text_is_in_all_four_catalogs():
    from kit.i18n import catalog

    keys = {k for k in catalog("da") if k.startswith(("friends.", "error.friends_"))}
    assert len(keys) > 40
    for language in ("en", "uk", "ar"):
        assert keys - set(catalog(language)) == set(), language
    from kit.steps.friends.logic import FriendsBadValue

    for table in ("waiting", "volunteers", "exclude", "friendships", "proposed"):
        for hint in ("text", "languages", "adults", "children", "waiting_since", "kind",
                     "capacity", "pair", "known_id"):
            error = FriendsBadValue(table=table, row=1, column="x", value="y", hint=hint)
            for language in ("da", "en", "uk", "ar"):
                assert "friends." not in error.message(language)   # no key shows
