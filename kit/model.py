"""The domain's names in one place, for notebooks and scripts: `kit.model.Category`,
`kit.model.ActorKind` and the rest. Each lives with its owner: the shared basics in
`kit.core.model`, every step's own data in `kit.steps.<step>.model`."""

from kit.core.model import *  # noqa: F403
from kit.steps import Phase as Phase  # noqa: E402  (the registry's step names)
from kit.steps.follow_up.model import *  # noqa: F403
from kit.steps.ground_rules.model import *  # noqa: F403
from kit.steps.groups.model import *  # noqa: F403
from kit.steps.ideas.model import *  # noqa: F403
from kit.steps.needs.model import *  # noqa: F403
from kit.steps.prepare.model import *  # noqa: F403
from kit.steps.timeline.model import *  # noqa: F403
