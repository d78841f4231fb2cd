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
    code = ("import sys, kit.ui, kit.ui.participant, kit.steps._stores; "
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
    from kit.steps._stores import STORES

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
