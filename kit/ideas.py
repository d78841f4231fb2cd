"""`kit.ideas`: the ideas step's pure functions under their documented name (they live in
`kit.steps.ideas.logic`): suggest themes, name them, place late ideas into the facilitator's
themes (with the words that explain each placement), fold near-identical ideas."""

from kit.steps.ideas.logic import (
    NEAR_IDENTICAL,
    Placement,
    area_affinity,
    choose_number,
    features,
    label_themes,
    near_identical,
    placements,
    suggest_placement,
    suggest_themes,
)

__all__ = ["NEAR_IDENTICAL", "Placement", "area_affinity", "choose_number", "features",
           "label_themes", "near_identical", "placements", "suggest_placement",
           "suggest_themes"]
