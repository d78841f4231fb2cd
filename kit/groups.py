"""`kit.groups`: the groups step's pure functions under their documented name (they live in
`kit.steps.groups.logic`)."""

from kit.steps.groups.logic import *  # noqa: F403
from kit.steps.groups.meeting import first_meeting_text as first_meeting_text
