"""The friend programme: every refugee household offered a volunteer friend. This folder
holds the parts that need no screen or store yet: the optimal matching of a waiting list to
volunteers with its reasons (`logic.py`, `solver.py`), the gap per municipality and the
campaign target per language (`gap.py`), and the national map and table (`map.py`, from the
municipalities in `municipalities.txt`). The sign-up forms, the coordinator's console and the
follow-up come with the partnership; the step is not in `kit.steps.STEPS` until then."""
