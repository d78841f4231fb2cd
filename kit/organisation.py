"""`kit.organisation`: the actor register and co-creation check (`kit.steps.prepare.logic`)
and the fora checks (`kit.steps.follow_up.logic`) under their documented name."""

from kit.core.model import Finding  # noqa: F401
from kit.steps.follow_up.logic import *  # noqa: F403
from kit.steps.prepare.logic import *  # noqa: F403
