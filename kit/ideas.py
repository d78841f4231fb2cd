"""`kit.ideas`: the ideas step's pure functions under their documented name (they live in
`kit.steps.ideas.logic`)."""

from kit.steps.ideas.logic import *  # noqa: F403
