"""The rules that keep the code easy to change, checked rather than hoped for."""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import kit

KIT = Path(kit.__file__).resolve().parent
ROOT = KIT.parent
PURE = ["model.py", "_validate.py", "errors.py", "exchange.py", "config.py",
        "timeline.py", "ideas.py", "voting.py", "groups.py", "organisation.py"]
GUI = {"ipywidgets", "anywidget", "IPython", "voila", "traitlets"}
SQL = {"sqlalchemy", "sqlite3", "psycopg", "alembic"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
    return names


def test_domain_and_algorithm_modules_import_neither_widgets_nor_sql():
    checked = 0
    for name in PURE:
        path = KIT / name
        if not path.exists():
            continue
        checked += 1
        mods = imported_modules(path)
        roots = {m.split(".")[0] for m in mods if not m.startswith(".")}
        assert roots & (GUI | SQL) == set(), name
        assert not any(m.startswith((".store", ".ui", "..")) for m in mods), name
    assert checked >= 5


def test_widgets_never_write_sql():
    for path in (KIT / "ui").glob("*.py"):
        roots = {m.split(".")[0] for m in imported_modules(path) if not m.startswith(".")}
        assert roots & SQL == set(), path.name
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\s", path.read_text("utf-8")), path


def test_notebooks_are_thin():
    for nb in (ROOT / "notebooks").rglob("*.ipynb"):
        cells = [c for c in json.loads(nb.read_text("utf-8"))["cells"]
                 if c["cell_type"] == "code"]
        assert len(cells) <= 6, nb
        for cell in cells:
            src = "".join(cell["source"])
            assert "def " not in src and "class " not in src, nb
            assert src.count("\n") < 8, nb


def test_participant_page_stays_lean():
    """The participant notebook's imports load none of the analysis stack nor SQLAlchemy, nor
    the exchange format (`kit.export_workshop` loads it on first use), nor, with the step
    stores a workshop opens, the theme vocabulary and the stemmer (only the facilitator
    makes themes)."""
    code = ("import sys, kit.ui, kit.ui.participant, kit.steps; kit.steps.stores(); "
            "print(sorted(m for m in ('pandas','matplotlib','sklearn','scipy','sqlalchemy',"
            "'alembic','openpyxl','docx','segno','babel','kit.exchange','kit.core.sheets',"
            "'kit.core.text','kit.steps.ideas.lexicon') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_the_danish_stemmer_is_the_compiled_one():
    """The board stems notes to fold near-identical ones; snowballstemmer's pure-Python package
    imports its 30 languages' stemmers (2.9 MiB of the board's kernel) unless PyStemmer is
    there to hand out the compiled one."""
    code = ("import sys, kit.core.text as t; print(type(t._stemmer).__module__, "
            "'snowballstemmer.arabic_stemmer' in sys.modules, t.stem('indflytningerne'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["Stemmer", "False", "indflytning"]


def test_a_preheated_page_learns_its_request_without_importing_voila():
    """A warm kernel waits for Voilà's request-info websocket; importing `voila` for that
    cost each warm kernel 1.3 CPU-s and ~65 MiB. Voilà's side is played by a websocket
    server here, answering as Voilà's RequestInfoSocketHandler does."""
    import json
    import threading

    from websockets.sync.server import serve

    paths = []

    def handler(ws):
        paths.append(ws.request.path)
        ws.send(json.dumps({"QUERY_STRING": "code=KT4MXP&lang=uk", "SERVER_PORT": "8866"}))

    with serve(handler, "127.0.0.1", 0) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.socket.getsockname()[1]
        code = ("import sys, kit.ui as u, kit.ui.participant; q = u._query(); "
                "print(q, sorted(m for m in ('voila', 'jupyterlab_server', 'jupyter_server') "
                "if m in sys.modules))")
        env = {k: v for k, v in os.environ.items() if k != "QUERY_STRING"}
        env.update(VOILA_PREHEAT="True", VOILA_APP_PORT=str(port), VOILA_KERNEL_ID="k-1",
                   VOILA_SERVER_URL="/w2/")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env=env, timeout=60)
        server.shutdown()
    assert out.stdout.strip() == "{'code': 'KT4MXP', 'lang': 'uk'} []"
    assert paths == ["/w2/voila/query/k-1"]


def test_the_core_knows_no_step_and_stores_use_no_other_private_methods():
    """kit/core imports no step module at all (not at load, not inside a function, not for
    type checking) and names none: the handle that composes the steps is kit/workshop.py,
    above both. A step's store reaches other steps only through the workshop handle's
    public methods and the shared context."""
    for path in (KIT / "core").rglob("*.py"):
        text = path.read_text("utf-8")
        assert not re.search(r"kit.steps", text), path   # as `grep -rn "kit.steps" kit/core`
        tree = ast.parse(text)
        typing_only = {id(sub) for node in tree.body if isinstance(node, ast.If)
                       for sub in ast.walk(node)}  # `if TYPE_CHECKING:` blocks
        for sub in ast.walk(tree):
            if isinstance(sub, ast.ImportFrom | ast.Import):
                names = [sub.module or ""] if isinstance(sub, ast.ImportFrom) else [
                    a.name for a in sub.names]
                assert not any(n.startswith("kit.steps") for n in names), path
                # the handle above may be named for types, never imported to run
                assert id(sub) in typing_only or not any(
                    n.startswith("kit.workshop") for n in names), path
    for path in (KIT / "steps").glob("*/store.py"):
        text = path.read_text("utf-8")
        assert not re.search(r"\bself\.workshop\.(\w+\.)*_\w", text), path
        assert not re.search(r"\bself\._(as_facilitator|facilitate|open_check|step_check|own|"
                             r"facilitator_check|row)\(", text), path


def test_modules_start_with_a_docstring():
    for path in KIT.rglob("*.py"):
        if "versions" in path.parts:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        assert ast.get_docstring(tree), path


API_SNAPSHOT = Path(__file__).with_name("api_snapshot.json")


def _methods(cls: type) -> dict[str, str]:
    """Every public method (and `__call__`) of `cls` with its signature; properties too."""
    out = {}
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") and name != "__call__":
            continue
        if isinstance(inspect.getattr_static(cls, name), property):
            out[name] = "property"
        elif inspect.isfunction(member):
            out[name] = str(inspect.signature(member))
    return out


def api_surface() -> dict:
    """The public API as plain data: `kit.__all__`, and the methods of the store, the
    workshop handle and each step's store (the handle's attribute for each store too)."""
    from kit.steps import stores

    STORES = stores()
    surface: dict = {"kit.__all__": {
        name: (str(inspect.signature(obj)) if inspect.isfunction(obj) else
               type(obj).__name__ if not isinstance(obj, type) else "class")
        for name in sorted(kit.__all__) for obj in [getattr(kit, name)]}}
    surface["Workshop stores"] = [f"{name}: {cls.__name__}" for name, cls in STORES.items()]
    for cls in (kit.Store, kit.Workshop, *STORES.values()):
        surface[cls.__name__] = _methods(cls)
    return surface


def test_public_api_is_pinned():
    """Every public name and signature is in tests/api_snapshot.json; after a deliberate
    change, regenerate it with KIT_UPDATE_API_SNAPSHOT=1 and review the diff."""
    import difflib

    current = json.dumps(api_surface(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("KIT_UPDATE_API_SNAPSHOT") == "1":
        API_SNAPSHOT.write_text(current, "utf-8")
    pinned = API_SNAPSHOT.read_text("utf-8")
    diff = "".join(difflib.unified_diff(pinned.splitlines(True), current.splitlines(True),
                                        "tests/api_snapshot.json", "the code"))
    assert not diff, "the public API changed (KIT_UPDATE_API_SNAPSHOT=1 to accept):\n" + diff

    assert sorted(kit.__all__) == [
        "KitError", "Participant", "Phase", "Prompt", "Sector", "Store", "Workshop",
        "WorkshopState", "export_workshop", "import_workshop", "open_store"]
    sig = {name: str(inspect.signature(getattr(obj, name))) for obj, name in [
        (kit, "open_store"), (kit, "import_workshop"), (kit, "export_workshop"),
        (kit.Store, "create_workshop"), (kit.Store, "workshop"), (kit.Workshop, "join"),
        (kit.Workshop, "participant"), (kit.Workshop, "add_idea"), (kit.Workshop, "add_theme"),
        (kit.Workshop, "frames")]}
    assert sig == {
        "open_store": "(url: 'str | None' = None) -> 'Store'",
        "import_workshop": "(path: 'str | Path', store: 'Any') -> 'Any'",
        "export_workshop": "(workshop: 'Any', path: 'str | Path') -> 'Path'",
        "create_workshop": "(self, title: 'str', municipality: 'str', date: 'str | None' = None, "
                           "language: 'str' = 'da') -> 'Workshop'",
        "workshop": "(self, code_or_id: 'str', key: 'str | None' = None) -> 'Workshop'",
        "join": "(self, name: 'str', sector: 'Sector | str', organisation: 'str' = '', "
                "language: 'str | None' = None) -> 'Participant'",
        "participant": "(self, participant_id: 'str') -> 'Participant'",
        "add_idea": "(self, participant: 'ParticipantRef', text: 'str', "
                    "prompt: 'Prompt | str' = <Prompt.UDFORDRING: 'udfordring'>) -> 'Idea'",
        "add_theme": "(self, label: 'str') -> 'Theme'",
        "frames": "(self) -> 'dict[str, pd.DataFrame]'",
    }


def test_every_error_is_a_kit_error():
    from kit import errors

    for name, obj in vars(errors).items():
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, kit.KitError), name


def test_one_name_per_concept():
    """A participant's ranking is a preference (never a wish), sticky notes are ideas, a
    theme's answers to the guiding questions its discussion, an actor's free text its
    remarks: no identifier, CSS class or catalog key says wish or note(s). One `Finding` class; the
    timeline's and the check's verdicts have names of their own."""
    words = re.compile(r"[Ww]ish|[Nn]otes?(?![a-z])")
    classes: dict[str, list[str]] = {}
    for path in KIT.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            name = (node.id if isinstance(node, ast.Name) else
                    node.attr if isinstance(node, ast.Attribute) else
                    node.arg if isinstance(node, ast.arg | ast.keyword) else
                    node.name if isinstance(node, ast.FunctionDef | ast.ClassDef) else None)
            assert not (name and words.search(name)), f"{path.name}: {name}"
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, []).append(path.name)
    for path in (*KIT.rglob("*.js"), *KIT.rglob("*.css")):
        code = re.sub(r"//[^\n]*|/\*.*?\*/", "", path.read_text("utf-8"), flags=re.S)
        assert not words.search(code), path
    for path in (*(KIT / "i18n").glob("*.json"), *KIT.glob("steps/*/i18n/*.json")):
        assert not [k for k in json.loads(path.read_text("utf-8")) if words.search(k)], path
    assert classes["Finding"] == ["model.py"] and "Verdict" not in classes
    assert {"ReviewItem", "ReviewVerdict", "CoCreationFit"} <= set(classes)


# Where each step is named outside its own folder (issue 26: "every step is named in at most
# three files outside its folder: the registry, and steps that consume its results").
# Measured as `grep -rlE "kit\.steps\.<step>\b|from kit\.steps import .*\b<step>\b" kit`.
NAME_ANY_STEP = {
    "steps/__init__.py": "the registry, the one list of steps",
    "workshop.py": "the typed workshop handle: mypy needs each step store's type",
    "model.py": "`kit.model`, every step's data names for scripts and for other steps",
    "errors.py": "`kit.errors`, every step's errors for scripts and for other steps",
}
FACADES = {
    "__init__.py": {"ideas"},               # `kit.Prompt`, pinned by the API test
    "timeline.py": {"timeline"},            # a step's pure functions under their documented
    "ideas.py": {"ideas"},                  # name (`kit.timeline.analyse`, ...; DESIGN.md)
    "voting.py": {"voting"},
    "groups.py": {"groups"},
    "friends.py": {"friends"},
    "organisation.py": {"prepare", "follow_up"},
    "reports/__init__.py": {"timeline", "groups"},   # the notebooks' figures (`kit.reports`)
    "ui/__init__.py": {"groups"},           # `kit.ui.group_editor`, the follow-up notebook's
    # the typed partnership handle: its needs rounds, forum meetings and friend programme
    "partnership.py": {"needs", "follow_up", "friends"},
}
CONSUMERS: dict[str, set[str]] = {
    "prepare": set(),
    "timeline": {"steps/follow_up/screens.py",         # the offers' tools in the follow-up
                 "reports/workshop.py"},               # since last time
    "needs": set(),
    "ideas": set(),
    "voting": {"ui/focus.py",                          # the board's focus on the results
               "reports/brief.py"},                    # the room's favourite, for management
    "groups": {"steps/follow_up/__init__.py",          # the follow-up shows the groups'
               "steps/follow_up/screens.py"},          # phone, board and panel
    "ground_rules": {"steps/follow_up/report.py"},     # the rules in the agreement
    "follow_up": {"ui/facilitator.py",                 # the console's report panel
                  "steps/groups/editor.py"},           # an agreement's links
    # not a workshop step but the partnership's programme: its console, its kernel-free
    # forms and `kit purge --friends` live with the other consoles, servers and commands
    "friends": {"ui/friends.py", "ui/friends_national.py", "_friends_app.py", "cli.py"},
}


LISTEN = re.compile(r"^from kit\.steps\.(\w+) import topics as \1_topics$", re.MULTILINE)
"""Listening to another step's changes: importing its `topics.py`, pinned in `LISTENERS`."""


def step_names_outside(step: str) -> set[str]:
    """The files under kit/ outside the step's folder that name it, relative to kit/ (a
    subscription to its topics aside: `LISTENERS` pins those)."""
    pattern = re.compile(rf"kit\.steps\.{step}\b|from kit\.steps import .*\b{step}\b")
    return {path.relative_to(KIT).as_posix() for path in KIT.rglob("*.py")
            if not path.is_relative_to(KIT / "steps" / step)
            and pattern.search(LISTEN.sub("", path.read_text("utf-8")))}


# Whose changes a file outside a step redraws for (or announces), by the step's topics: each
# a decision, since a page listening to a topic redraws whenever that step writes.
LISTENERS: dict[str, set[str]] = {
    "steps/follow_up/__init__.py": {"groups", "ideas", "prepare", "timeline"},  # all it sums up
    "steps/groups/__init__.py": {"ideas"},       # the chosen themes become groups
    "steps/needs/__init__.py": {"timeline"},     # the needs beside the offers on the timeline
    "steps/prepare/store.py": {"groups", "follow_up"},  # an actor removed leaves groups and fora
    "steps/timeline/__init__.py": {"groups", "prepare"},  # offers name actors and groups
    "steps/voting/__init__.py": {"ideas"},       # the dots are on the themes
    "steps/voting/store.py": {"ideas"},          # the chosen themes are the ideas step's rows
    "ui/board.py": {"ideas", "voting"},          # the focus view follows the themes and dots
    "ui/facilitator.py": {"groups", "ideas"},    # the untranslated labels' count
    "workshop.py": {"ground_rules", "groups", "ideas"},  # a translated label announces its table
}


def test_a_step_listens_to_another_steps_changes_only_where_pinned():
    """A step's topics are declared in its folder (`topics.py`); the core declares only its
    own (the workshop row and its participants), so a new step's topic touches no other file."""
    from kit.core.model import Topic

    found: dict[str, set[str]] = {}
    for path in KIT.rglob("*.py"):
        text = path.read_text("utf-8")
        rel = path.relative_to(KIT).as_posix()
        named = set(LISTEN.findall(text))
        if named:
            found[rel] = named
    assert found == LISTENERS
    core = (KIT / "core" / "model.py").read_text("utf-8")
    assert re.findall(r'Topic\.declare\("(\w+)"\)', core) == ["workshop", "participants"]
    for folder in sorted((KIT / "steps").iterdir()):
        declared = folder / "topics.py"
        if declared.exists():
            names = re.findall(r'Topic\.declare\("(\w+)"\)', declared.read_text("utf-8"))
            assert names and all(Topic(n) == n for n in names), folder.name


def test_each_step_is_named_in_few_files_outside_its_folder():
    """Outside its folder a step is named by the registry, the handle and the public facades
    above, and by at most three consumers of its results, each pinned here with its reason:
    another file naming a step reaches it through `kit.model`, `kit.errors`, the workshop
    handle or a registry hook (`stores`, `carry`, `sheets`, `partnership_sheets`, ...)."""
    from kit import steps

    assert set(CONSUMERS) >= set(steps.names()) - {"themes"}
    for step, consumers in CONSUMERS.items():
        allowed = set(NAME_ANY_STEP) | {f for f, named in FACADES.items() if step in named}
        assert step_names_outside(step) - allowed == consumers, step
        if step in steps.names():
            assert len(consumers) <= 3, step
    assert all(set(named) <= set(CONSUMERS) for named in FACADES.values())


def test_the_kit_does_a_steps_actions_through_its_store():
    """One way to do each thing (README): a step's action is on its store; the handle's
    `add_idea`, `add_theme` and `vote` keep the exchange contract's names for scripts, and
    nothing in the kit calls them."""
    contract = re.compile(r"\b(?:workshop|w|self\.workshop|page\.workshop)\."
                          r"(?:add_idea|add_theme|vote)\(")
    for path in KIT.rglob("*.py"):
        if path != KIT / "workshop.py":
            assert not contract.search(path.read_text("utf-8")), path
    readme = (ROOT / "README.md").read_text("utf-8")
    for way in ("workshop.ideas.add_idea(", "workshop.ideas.add_theme(", "workshop.voting.vote(",
                "workshop.voting.unvote("):
        assert way in readme, way
# -- step boundaries (issue 26, item 5) ------------------------------------------------------
# The store's SQL is plain text run through DB-API (`kit.core.db`; SQLAlchemy is too heavy for
# a phone's kernel), so the checks below read the SQL in each module's string literals.
OWNERS: dict[str, tuple[str, ...]] = {
    "core": ("partnerships", "workshops", "participants", "translations", "changes"),
    # the partnership's programme, not a step of the registry: the core declares its tables
    "friends": ("friend_volunteers", "friend_households", "friendships", "friend_checkins"),
}
"""Which step (or the core) owns which table: only the owner's modules write it, and only the
owner's modules and the core's name it in SQL. Every step of the registry declares its own
in its folder (`tables.py`, its `tables` hook), which adds them below."""


def _declared_in_folders() -> dict[str, tuple[str, ...]]:
    """The tables steps declare in their own folders (`Step.tables`): each is its folder's by
    construction, so a new step's need no line above. Loading them declares them on the
    shared metadata, where the checks below look."""
    from kit.steps import STEPS

    return {each.tables.__module__.split(".")[2]: tuple(t.name for t in each.tables())
            for each in STEPS if each.tables is not None}


for _folder, _tables in _declared_in_folders().items():
    OWNERS[_folder] = (*OWNERS.get(_folder, ()), *_tables)

WHOLE_WORKSHOP = {"store.py", "carry.py"}
"""Modules above the steps that write every step's tables as one: the import and the purge
(`kit/store.py`, driven by the tables' declarations) and carrying a workshop over into the
partnership's next (`kit/carry.py`)."""

WRITE = re.compile(r"\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)")
READ = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)")
VIEW_NAMES = re.compile(r"^(views|phone|board|facilitator|screens|editor|pages|\w+_views?|"
                        r"\w+_page|\w+_html)\.py$")
"""A step's screen modules by their role: what a phone, the board or the console shows."""


def _owner(path: Path) -> str:
    parts = path.relative_to(KIT).parts
    return parts[1] if parts[0] == "steps" and len(parts) > 2 else "core"


def _sql_texts(path: Path) -> list[str]:
    """The module's string literals (an f-string's parts joined), where its SQL is."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            texts.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            texts.append("".join(v.value if isinstance(v, ast.Constant) else "{}"
                                 for v in node.values))
    return texts


def _tables_named(path: Path) -> tuple[set[str], set[str]]:
    """The tables a module writes and reads by name: in its SQL, and as the table of
    `ctx.row(tx, "table", ...)` / `ctx.own(...)` and `Table("table", Model)` mappers."""
    from kit.core.schema import metadata

    writes, reads = set(), set()
    for text in _sql_texts(path):
        writes |= set(WRITE.findall(text))
        reads |= set(READ.findall(text))
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                node.func, "id", "")
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if name in ("row", "own") and len(node.args) > 1 and isinstance(
                    node.args[1], ast.Constant):
                reads.add(node.args[1].value)
            elif name == "Table" and args and isinstance(args[0], str) and not (
                    len(node.args) > 1 and getattr(node.args[1], "id", "") == "metadata"):
                writes.add(args[0])   # a row mapper: its INSERTs (not a schema declaration)
    known = set(metadata.tables)
    return writes & known, (reads - writes) & known


def _kit_modules() -> list[Path]:
    return [p for p in KIT.rglob("*.py") if "migrations" not in p.parts]


def test_the_ownership_map_names_every_table_once():
    from kit.core.schema import metadata

    owned = [t for tables in OWNERS.values() for t in tables]
    assert sorted(owned) == sorted(metadata.tables)
    steps = {p.name for p in (KIT / "steps").iterdir() if p.is_dir() and p.name[0] != "_"}
    assert set(OWNERS) - {"core"} <= steps


def test_only_a_tables_owner_writes_it():
    """No module writes (INSERT, UPDATE, DELETE, or a row mapper's INSERT) a table another
    step or the core owns: a step asks the owner's store, or the owner's foreign keys do it
    (ON DELETE CASCADE: an actor struck from the register takes its group invitations and
    forum seats with it)."""
    owner_of = {t: o for o, tables in OWNERS.items() for t in tables}
    seen = 0
    for path in _kit_modules():
        if path.parent == KIT and path.name in WHOLE_WORKSHOP:
            continue
        writes, _ = _tables_named(path)
        seen += len(writes)
        mine = _owner(path)
        wrong = {t for t in writes
                 if owner_of[t] != mine}
        assert not wrong, f"{path.relative_to(KIT)} writes {sorted(wrong)}"
    assert seen > 30   # the check found the stores' writes (settings go through Settings.upsert)


def test_a_step_reads_only_its_own_tables_and_the_cores():
    """A step names in SQL only its own tables and the core's (the workshop, its
    participants): another step's data comes through that step's store."""
    core = set(OWNERS["core"])
    checked = 0
    for path in (KIT / "steps").rglob("*.py"):
        mine = _owner(path)
        if mine == "core":
            continue
        writes, reads = _tables_named(path)
        checked += bool(writes | reads)
        foreign = (writes | reads) - set(OWNERS[mine]) - core
        assert not foreign, f"{path.relative_to(KIT)} names {sorted(foreign)}"
    assert checked >= 10


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at load or inside a function (not for type checking
    only), as absolute names."""
    tree = ast.parse(path.read_text("utf-8"))
    typing_only = {id(sub) for node in tree.body if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.dump(node.test) for sub in ast.walk(node)}
    names = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def _module_path(name: str) -> Path | None:
    """The kit module's file; None for another library's and for a package (its
    `__init__.py` runs for any module in it, whoever imports that)."""
    if not name.startswith("kit"):
        return None
    path = ROOT.joinpath(*name.split(".")).with_suffix(".py")
    return path if path.is_file() else None


RUNS_SQL = {"kit.core.db", "kit.core.context", "kit.core.migrate", "kit.core.schema",
            "kit.store", "kit.workshop", "kit.partnership"}
"""The core's modules that reach the database; a step's store module is any module of a step
whose strings hold SQL."""


def _runs_sql(name: str) -> bool:
    path = _module_path(name)
    if name in RUNS_SQL or path is None:
        return name in RUNS_SQL
    return any(WRITE.search(t) or re.search(r"\bSELECT\b.+\bFROM\b", t, re.S)
               for t in _sql_texts(path))


def test_every_steps_logic_is_pure():
    """A step's logic (`logic.py`, `meeting_logic.py`) imports, directly or through the kit's
    modules it imports, no widgets, no database driver and no module that runs SQL."""
    logics = sorted((KIT / "steps").glob("*/*logic.py"))
    assert len(logics) >= 9
    for path in logics:
        todo, seen = [path], set()
        while todo:
            current = todo.pop()
            for name in _imports(current):
                roots = name.split(".")[0]
                assert roots not in GUI | SQL, f"{path.relative_to(KIT)}: {name} ({current.name})"
                assert not _runs_sql(name), f"{path.relative_to(KIT)}: {name} ({current.name})"
                found = _module_path(name)
                if found is not None and found not in seen:
                    seen.add(found)
                    todo.append(found)


def test_a_steps_screens_hold_no_sql():
    """A step's screen modules (by name, `VIEW_NAMES`, or by building widgets) write no SQL
    and import no database driver nor the database layer: a screen calls its step's store."""
    views = [p for p in (KIT / "steps").rglob("*.py")
             if VIEW_NAMES.match(p.name) or {"ipywidgets", "anywidget"} & {
                 n.split(".")[0] for n in _imports(p)}]
    assert len(views) >= 30
    for path in views:
        texts = _sql_texts(path)
        assert not any(re.search(r"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s", t)
                       for t in texts), path.relative_to(KIT)
        names = _imports(path)
        assert not {n.split(".")[0] for n in names} & SQL, path.relative_to(KIT)
        assert not names & {"kit.core.db", "kit.core.context", "kit.core.schema"}, \
            path.relative_to(KIT)
