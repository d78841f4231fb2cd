"""`kit.timeline`: the timeline step's pure functions under their documented name (they live in
`kit.steps.timeline.logic`)."""

from kit.steps.timeline.logic import *  # noqa: F403
