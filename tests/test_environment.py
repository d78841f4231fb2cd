"""environment.yml and pyproject.toml describe the same environment."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(spec: str) -> str:
    return re.split(r"[<>=\[ ]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(d) for d in project["dependencies"] + project["optional-dependencies"]["test"]}
    lines = [x.strip() for x in (ROOT / "environment.yml").read_text().splitlines()]
    listed = {_name(x[2:]) for x in lines if x.startswith("- ") and not x.startswith("- -e")}
    assert wanted - listed == set()
