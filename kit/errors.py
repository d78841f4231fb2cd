"""Every error a user can cause, in one place for scripts, notebooks and tests: the core's
(`kit.core.errors`) and each step's (`kit.steps.<step>.errors`). All are `kit.KitError`."""

from kit.core.errors import *  # noqa: F403
from kit.steps.follow_up.errors import *  # noqa: F403
from kit.steps.friends.errors import *  # noqa: F403
from kit.steps.ground_rules.errors import *  # noqa: F403
from kit.steps.groups.errors import *  # noqa: F403
from kit.steps.ideas.errors import *  # noqa: F403
from kit.steps.needs.errors import *  # noqa: F403
from kit.steps.prepare.errors import *  # noqa: F403
from kit.steps.timeline.errors import *  # noqa: F403
from kit.steps.voting.errors import *  # noqa: F403
