"""The files a step keeps in its own folder for the kit to gather at load: its message
catalog (`kit/steps/<step>/i18n/<language>.json`, see `kit.i18n`) and its stylesheet
(`kit/steps/<step>/style.css`, see `kit.ui.parts`).

Found by name in the folders under `kit/steps`, not through the registry: the catalogs sit
below the core, which imports no step (importing the registry here would load every step's
package into every kernel before its first word), and a look at a dozen folders costs a
phone's kernel well under a millisecond.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable


@cache
def _folders() -> tuple[Traversable, ...]:
    steps = resources.files("kit").joinpath("steps")
    return tuple(sorted((d for d in steps.iterdir()
                         if d.is_dir() and not d.name.startswith(("_", "."))),
                        key=lambda d: d.name))


@cache
def step_files(*path: str) -> tuple[tuple[str, Traversable], ...]:
    """`path` inside each step's folder that has it, as (step folder, file), in the folders'
    alphabetical order (the order the kit gathers them in, so it is the same on every
    machine). Looked for once per kernel: the package's files do not change under it."""
    found = []
    for folder in _folders():
        file = folder.joinpath(*path)
        if file.is_file():
            found.append((folder.name, file))
    return tuple(found)
