"""The timeline analysis on hand-made cases: each finding, and what must not be flagged."""

from __future__ import annotations

import pandas as pd
import pytest

from kit import timeline
from kit.model import Category

from helpers import SAMPLE


def cards(*rows):
    return pd.DataFrame([dict(zip(timeline.CARD_COLUMNS, r, strict=True)) for r in rows],
                        columns=list(timeline.CARD_COLUMNS))


def covered():
    """One long card per category, so no gap is flagged unless a test makes one."""
    return [(f"base-{c.value}", f"Løbende {c.value}", f"Ejer {c.value}", "civilsamfund",
             c.value, -8 + 2 * i, 26) for i, c in enumerate(Category)]


def test_overload_when_many_cards_start_together():
    many = [(f"o{i}", f"Opgave {i}", "Borgerservice", "kommune", "praktisk", 1, 3)
            for i in range(4)]
    result = timeline.analyse(cards(*covered(), *many))
    assert len(result.overload) == 1  # overlapping windows are reported once
    row = result.overload.iloc[0]
    assert row["week"] <= 1 <= row["window_end"]
    assert {"o0", "o1", "o2", "o3"} <= set(row["card_ids"].split(",")) and row["cards"] >= 4


def test_no_overload_when_starts_are_spread():
    spread = [(f"o{i}", f"Opgave {i}", "Borgerservice", "kommune", "praktisk", 3 * i, 3 * i + 1)
              for i in range(6)]
    assert timeline.analyse(cards(*covered(), *spread)).overload.empty
    assert not timeline.analyse(cards(*covered(), *spread),
                                overload_threshold=1).overload.empty


def test_gaps_of_every_kind():
    rows = [("a", "Boligtildeling", "Kommunen", "kommune", "bolig", -8, -6),
            ("b", "Sprogskole", "Sprogcenter", "kommune", "sprog", 20, 26),
            ("c", "Lektiehjælp", "Lektiecafé", "civilsamfund", "familie", -8, 26)]
    g = timeline.analyse(cards(*rows)).gaps
    kinds = {(k, c) for k, c in zip(g["kind"], g["category"], strict=True)}
    assert ("category", "sundhed") in kinds and ("category", "bolig") not in kinds
    assert ("early", "sprog") in kinds        # language starts only in week 20
    assert ("early", "bolig") in kinds        # housing ends before arrival
    assert ("early", "familie") not in kinds
    assert not any(k == "period" for k, _ in kinds)   # familie covers every week
    only_late = timeline.analyse(cards(rows[1])).gaps
    period = only_late[only_late["kind"] == "period"].iloc[0]
    assert (period["start_week"], period["end_week"]) == (-8, 19)


def test_planted_duplicate_is_found_and_similar_words_are_not_enough():
    rows = [*covered(),
            ("d1", "Møbelindsamling til nye familier", "Røde Kors", "civilsamfund", "bolig", 0, 4),
            ("d2", "Indsamling af møbler", "Venligboerne", "civilsamfund", "bolig", 2, 6),
            ("x1", "Sprogcafé to gange om ugen", "Lektiecaféen", "civilsamfund", "sprog", 2, 26),
            ("x2", "Sprogvenner", "Dansk Flygtningehjælp", "civilsamfund", "sprog", 4, 26),
            ("s1", "Møbelindsamling", "Røde Kors", "civilsamfund", "bolig", 0, 4),
            ("t1", "Indsamling af møbler", "Genbrug", "civilsamfund", "bolig", 20, 26)]
    dup = timeline.analyse(cards(*rows)).duplicates
    pairs = {(a, b) for a, b in zip(dup["card_a"], dup["card_b"], strict=True)}
    assert ("d1", "d2") in pairs
    assert ("x1", "x2") not in pairs          # both about language, but different offers
    assert ("d1", "s1") not in pairs          # same owner: not a duplicate of itself
    assert ("d2", "t1") not in pairs and ("d1", "t1") not in pairs  # no overlap in time
    assert dup["similarity"].between(0.5, 1).all()


def test_synergy_between_a_municipal_task_and_a_civil_offer():
    rows = [*covered(),
            ("m", "MitID og e-Boks", "Borgerservice", "kommune", "praktisk", 1, 3),
            ("v", "Hjælp med digitale løsninger", "Frivillignet", "civilsamfund", "praktisk", 2, 8),
            ("w", "Lektiehjælp", "Lektiecafé", "civilsamfund", "familie", 2, 8),
            ("late", "Digital hjælp", "Biblioteket", "civilsamfund", "praktisk", 10, 12)]
    syn = timeline.analyse(cards(*rows)).synergies
    pairs = set(zip(syn["municipal_card"], syn["civil_card"], strict=True))
    assert ("m", "v") in pairs
    assert ("m", "w") not in pairs and ("m", "late") not in pairs
    assert syn.set_index("civil_card").loc["v", "overlap_weeks"] == 2


def test_keys_are_stable_and_unique_on_the_sample():
    sample = pd.read_csv(SAMPLE / "cards.csv")
    first, again = timeline.analyse(sample), timeline.analyse(sample.sample(frac=1, random_state=1))
    assert first.keys() == again.keys()
    assert len(set(first.keys())) == len(first.keys())
    assert not first.overload.empty and not first.synergies.empty


def test_activity_overview_orders_by_period_and_category():
    sample = pd.read_csv(SAMPLE / "cards.csv")
    overview = timeline.activity_overview(sample)
    assert len(overview) == len(sample)
    order = [name for name, _, _ in timeline.PHASES]
    seen = list(overview["phase"].unique())
    assert seen == sorted(seen, key=order.index) and seen[:2] == ["before", "first_month"]
    assert overview.iloc[0]["start_week"] < 0


def test_missing_columns_are_refused():
    with pytest.raises(ValueError):
        timeline.analyse(pd.DataFrame({"id": ["a"]}))


def test_timeline_figure_renders_every_card(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from kit.reports import timeline_figure

    sample = pd.read_csv(SAMPLE / "cards.csv")
    fig = timeline_figure(sample, "en")
    ax = fig.axes[0]
    assert len(ax.patches) == len(sample)
    assert [x.get_text() for x in ax.get_yticklabels()][0] == "Housing"
    fig.savefig(tmp_path / "timeline.png")
    assert (tmp_path / "timeline.png").stat().st_size > 10_000


def test_cards_read_from_csv_with_integer_ids_and_empty_cells(tmp_path):
    """As an analyst loads them: pandas reads numeric ids as ints and empty cells as NaN."""
    path = tmp_path / "cards.csv"
    rows = [*[(10 + i, f"Opgave {i}", "Borgerservice", "kommune", "praktisk", 1, 3)
              for i in range(4)],
            (7, "Møbelindsamling til nye familier", "Røde Kors", "civilsamfund", "bolig", 0, 4),
            (9, "Indsamling af møbler", "", "civilsamfund", "bolig", 2, 6),
            (8, "", "Venligboerne", "civilsamfund", "bolig", 1, 5)]
    cards(*rows).to_csv(path, index=False)
    read = pd.read_csv(path)
    assert read["id"].dtype.kind == "i" and read["owner"].isna().any()
    mixed = pd.concat([cards(*covered()), read], ignore_index=True)   # text and int ids
    for frame in (read, mixed):
        as_text = frame.astype({"id": str}).fillna("")   # the same cards as the store has them
        result = timeline.analyse(frame)
        assert result.keys() == timeline.analyse(as_text).keys()
        assert len(timeline.activity_overview(frame)) == len(frame)
    over = timeline.analyse(read).overload
    assert set(over.iloc[0]["card_ids"].split(",")) >= {"10", "11", "12", "13"}


def test_integer_ids_as_read_csv_gives_them(tmp_path):
    (tmp_path / "cards.csv").write_text(
        "id,title,owner,sector,category,start_week,end_week\n"
        + "".join(f"{n},Opgave {n},Ejer {n},kommune,praktisk,1,2\n" for n in (3, 1, 2, 10)))
    read = pd.read_csv(tmp_path / "cards.csv")
    assert read["id"].dtype.kind == "i"
    assert list(timeline.analyse(read).overload["card_ids"]) == ["1,10,2,3"]
