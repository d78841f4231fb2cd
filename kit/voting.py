"""`kit.voting`: the voting step's pure functions under their documented name (they live in
`kit.steps.voting.logic`)."""

from kit.steps.voting.logic import *  # noqa: F403
