"""Move what belongs to one step out of the shared catalogs and stylesheet into the step's
folder (issue 26, item 6): its message keys to `kit/steps/<step>/i18n/<language>.json`, its
CSS rules to `kit/steps/<step>/style.css`. The kit gathers both at load (`kit.i18n.catalog`,
`kit.ui.parts.CSS`), so nothing a page shows changes.

Idempotent: run it again after merging branches that added keys or rules to the shared files,
and it moves the new ones too (an entry already in the step's file is replaced by the shared
file's version: that is the newer edit). It checks that every language's merged catalog is
the same before and after, and refuses to write otherwise.

    python tools/split_by_step.py            # move
    python tools/split_by_step.py --check    # exit 1 if anything would still move

Keys move by prefix (`KEY_OWNERS`). A CSS rule moves when every selector in it names a class
that only one step's code uses (found by searching `kit/**/*.py|js` for the class), or the
class `kit-step-<name>`, and no selector names a class of another step or none of a step.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent / "kit"
LANGUAGES = ("da", "en", "uk", "ar")

# The prefix of a key -> the step folder that owns every key under it.
KEY_OWNERS = {
    "agenda": "follow_up", "meeting": "follow_up", "forum": "follow_up",
    "forum_kind": "follow_up", "org": "follow_up",
    "groups": "groups", "mygroup": "groups", "group_status": "groups", "role": "groups",
    "idea": "ideas", "ideas": "ideas", "themes": "ideas",
    "card": "timeline", "bulk": "timeline", "review": "timeline", "timeline": "timeline",
    "needs": "needs",
    "rules": "ground_rules",
    "vote": "voting",
    "register": "prepare", "rsvp": "prepare", "invite": "prepare", "check": "prepare",
    "branches": "prepare", "actor_kind": "prepare",
    "friends": "friends",
}


def dump(messages: dict[str, object]) -> str:
    return json.dumps(messages, ensure_ascii=False, indent=2) + "\n"


def load(path: Path) -> dict[str, object]:
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def merged(language: str) -> dict[str, object]:
    """Every entry of `language`; for a key in both a step's file and the shared one (a
    merge brought it back there), the shared file's version: the newer edit, which the move
    keeps."""
    out: dict[str, object] = {}
    for path in sorted(KIT.glob(f"steps/*/i18n/{language}.json")):
        out.update(load(path))
    out.update(load(KIT / "i18n" / f"{language}.json"))
    return out


def move_keys(write: bool) -> int:
    moved = 0
    for language in LANGUAGES:
        before = merged(language)
        shared_path = KIT / "i18n" / f"{language}.json"
        shared = load(shared_path)
        steps: dict[str, dict[str, object]] = {}
        for step in sorted(set(KEY_OWNERS.values())):
            steps[step] = load(KIT / "steps" / step / "i18n" / f"{language}.json")
        for key in list(shared):
            owner = KEY_OWNERS.get(key.split(".")[0])
            if owner is not None:
                steps[owner][key] = shared.pop(key)  # the shared file's version is the newer
                moved += 1
        after = dict(shared)
        for messages in steps.values():
            after.update(messages)
        if after != before:
            sys.exit(f"{language}: the merged catalog would change; nothing written")
        if write:
            shared_path.write_text(dump(shared), "utf-8")
            for step, messages in steps.items():
                path = KIT / "steps" / step / "i18n" / f"{language}.json"
                path.parent.mkdir(exist_ok=True)
                path.write_text(dump(messages), "utf-8")
    return moved


# -- CSS ---------------------------------------------------------------------------------------

def statements(css: str) -> list[tuple[str, str]]:
    """The top-level statements of a stylesheet in order, each as (its text, with the comment
    lines right above it and its line end; its prelude: the selector or at-rule before its
    block, blanks folded); what lies between statements (blank lines, a comment followed by a
    blank line) as (text, "")."""
    items: list[tuple[str, str]] = []  # (kind, text): "space", "comment" or "rule"
    i = 0
    while i < len(css):
        if css[i].isspace():
            j = i
            while j < len(css) and css[j].isspace():
                j += 1
            items.append(("space", css[i:j]))
        elif css.startswith("/*", i):
            j = css.index("*/", i) + 2
            items.append(("comment", css[i:j]))
        else:
            j, depth = i, 0
            while True:
                if css.startswith("/*", j):
                    j = css.index("*/", j) + 2
                    continue
                if css[j] == "{":
                    depth += 1
                elif css[j] == "}":
                    depth -= 1
                    if depth == 0:
                        j += 1
                        break
                j += 1
            items.append(("rule", css[i:j]))
        i = j
    out: list[tuple[str, str]] = []
    pending: list[str] = []  # comments (and single line ends) that may belong to a rule
    for kind, text in items:
        if kind == "rule":
            prelude = " ".join(re.sub(r"/\*.*?\*/", "", text.split("{", 1)[0],
                                      flags=re.S).split())
            out.append(("".join(pending) + text, prelude))
            pending = []
        elif kind == "comment" or text.count("\n") <= 1 and pending or kind == "space" and (
                "\n" not in text):
            pending.append(text)
        else:
            # a blank line (or a line end after a rule): what waits belongs to no rule
            if out and out[-1][1] and not pending and text.startswith("\n"):
                body, prelude = out[-1]
                out[-1] = (body + "\n", prelude)
                text = text[1:]
            if pending:
                out.append(("".join(pending), ""))
                pending = []
            if text:
                out.append((text, ""))
    if pending:
        out.append(("".join(pending), ""))
    return out


def class_owners() -> dict[str, str]:
    """Each `kit-` class used by the code of exactly one step folder -> that step."""
    sources: dict[str, str] = {}
    for path in (*KIT.rglob("*.py"), *KIT.rglob("*.js")):
        parts = path.relative_to(KIT).parts
        where = parts[1] if parts[0] == "steps" and len(parts) > 2 else "/".join(parts)
        sources[where] = sources.get(where, "") + path.read_text("utf-8")
    css = (KIT / "ui" / "kit.css").read_text("utf-8") + "".join(
        p.read_text("utf-8") for p in KIT.glob("steps/*/style.css"))
    owners: dict[str, str] = {}
    steps = {p.name for p in (KIT / "steps").iterdir() if p.is_dir()}
    for name in sorted(set(re.findall(r"\.(kit-[\w-]+)", css))):
        users = {where for where, src in sources.items()
                 if re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", src)}
        if name.startswith("kit-step-") and name[len("kit-step-"):].replace("-", "_") in steps:
            owners[name] = name[len("kit-step-"):].replace("-", "_")
        elif len(users) == 1 and next(iter(users)) in steps:
            owners[name] = next(iter(users))
    return owners


def owner_of(body: str, prelude: str, owners: dict[str, str]) -> str | None:
    """The step every selector of a rule (of each rule inside an at-rule) belongs to."""
    if prelude.startswith("@"):
        inner = body.split("{", 1)[1].rsplit("}", 1)[0]
        selectors = [s for p in re.findall(r"([^{}]*)\{", re.sub(r"/\*.*?\*/", "", inner,
                                                                 flags=re.S))
                     for s in p.split(",")]
    else:
        selectors = prelude.split(",")
    found: set[str | None] = set()
    for selector in selectors:
        mine = {owners.get(c) for c in re.findall(r"\.(kit-[\w-]+)", selector)} - {None}
        found |= mine if len(mine) == 1 else {None}
    return next(iter(found)) if len(found) == 1 else None


HEADER = ("/* The {step} step's own rules, gathered after kit/ui/kit.css (kit.ui.parts.CSS):\n"
          "   moved out of it by tools/split_by_step.py. */\n")


def move_css(write: bool) -> int:
    shared_path = KIT / "ui" / "kit.css"
    owners = class_owners()
    kept: list[str] = []
    moving: dict[str, list[tuple[str, str]]] = {}
    for body, prelude in statements(shared_path.read_text("utf-8")):
        step = owner_of(body, prelude, owners) if prelude else None
        if step is None:
            kept.append(body)
        else:
            moving.setdefault(step, []).append((body, prelude))
    if write:
        for step, rules in moving.items():
            path = KIT / "steps" / step / "style.css"
            old = statements(path.read_text("utf-8")) if path.is_file() else [
                (HEADER.format(step=step), "")]
            at = {prelude: n for n, (_, prelude) in enumerate(old) if prelude}
            for body, prelude in rules:
                if prelude in at:  # the shared file's version is the newer edit
                    lead = re.match(r"(?:\s*/\*.*?\*/)*\s*", old[at[prelude]][0], flags=re.S)
                    kept_comment = lead.group(0) if lead and not body.lstrip().startswith(
                        "/*") else ""
                    old[at[prelude]] = (kept_comment + body, prelude)
                else:
                    at[prelude] = len(old)
                    old.append((body, prelude))
            path.write_text("".join(body for body, _ in old), "utf-8")
        shared_path.write_text(re.sub(r"\n{3,}", "\n\n", "".join(kept)), "utf-8")
    return sum(len(rules) for rules in moving.values())


if __name__ == "__main__":
    check = "--check" in sys.argv
    keys, rules = move_keys(write=not check), move_css(write=not check)
    print(f"{'would move' if check else 'moved'}: {keys} catalog entries, {rules} CSS rules")
    sys.exit(1 if check and (keys or rules) else 0)
