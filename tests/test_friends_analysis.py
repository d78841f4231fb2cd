"""The friend programme's figures for analysts: the waiting list and the friendships going
by month, the Kaplan–Meier curve against a case worked by hand, and the notebook's made-up
programme telling the same story every run."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import kit
from kit.steps.friends import analysis
from kit.steps.friends.demo import demo_programme


def pairs(*rows):
    return pd.DataFrame(rows, columns=["introduced_on", "active_on", "ended_on"])


def test_kaplan_meier_by_hand():
    # met on 1 January: ended after 10, 20 and 30 days, one still going at 15 (censored)
    frame = pairs(("2026-01-01", "2026-01-01", "2026-01-11"),
                  ("2026-01-01", "2026-01-01", "2026-01-21"),
                  ("2026-01-01", "2026-01-01", ""),
                  ("2026-01-01", "2026-01-01", "2026-01-31"),
                  ("2026-01-01", "", ""))   # introduced, never met: not in the curve
    curve = analysis.survival(frame, dt.date(2026, 1, 16))
    assert curve.index.tolist() == [0, 10, 15, 20, 30]
    assert curve["at_risk"].tolist() == [4, 4, 3, 2, 1]
    assert curve["ended"].tolist() == [0, 1, 0, 1, 1]
    assert curve["survival"].tolist() == pytest.approx([1, 0.75, 0.75, 0.375, 0])
    assert analysis.share_at(curve, 25) == pytest.approx(0.375)


def test_waiting_and_active_at_each_months_end():
    signed = ["2026-01-05", "2026-01-20", "2026-02-03", "2026-03-09"]
    frame = pairs(("2026-01-25", "2026-02-02", "2026-03-10"), ("2026-02-10", "2026-02-12", ""),
                  ("", "", ""))
    over = analysis.over_time(signed, frame, "2026-01", "2026-03")
    assert over.index.tolist() == ["2026-01", "2026-02", "2026-03"]
    assert over["waiting"].tolist() == [1, 1, 2]
    assert over["active"].tolist() == [0, 2, 1]


def test_the_notebooks_programme_is_the_same_every_run():
    figures = []
    for _ in range(2):
        friends = demo_programme(kit.open_store("sqlite://").create_partnership(
            "Venner", "Danmark").friends)
        tables = friends.frames()
        signed = [h.waiting_since for h in friends.households()]
        figures.append((analysis.over_time(signed, tables["friendships"], "2026-01", "2026-11"),
                        analysis.survival(tables["friendships"], dt.date(2026, 12, 1))))
    (over, curve), (over2, curve2) = figures
    pd.testing.assert_frame_equal(over, over2)
    pd.testing.assert_frame_equal(curve, curve2)
    # the campaign in June shortens the waiting list; nobody waits who was matched
    assert over.loc["2026-06", "waiting"] < over.loc["2026-05", "waiting"]
    assert over["waiting"].sum() > 0 and curve["ended"].sum() > 0
