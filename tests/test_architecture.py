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
    """The participant notebook's imports load none of the analysis stack nor SQLAlchemy."""
    code = ("import sys, kit.ui, kit.ui.participant; "
            "print(sorted(m for m in ('pandas','matplotlib','sklearn','scipy','sqlalchemy',"
            "'alembic','openpyxl','docx','segno') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


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


def test_modules_start_with_a_docstring():
    for path in KIT.rglob("*.py"):
        if "versions" in path.parts:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        assert ast.get_docstring(tree), path


def test_public_api_is_pinned():
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
    from kit.core import errors

    for name, obj in vars(errors).items():
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, kit.KitError), name
