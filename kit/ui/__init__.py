"""Views: the participant, board and facilitator apps, and the one-line entry points the
notebooks call. Importing this package loads only what the participant page needs; the board
and facilitator modules (and segno for QR codes) load when their app is built.
"""

from __future__ import annotations

import os
import urllib.parse
from typing import TYPE_CHECKING

from kit import config
from kit.store import open_store

if TYPE_CHECKING:
    import ipywidgets as w

    from kit.ui.board import BoardApp
    from kit.ui.facilitator import FacilitatorApp
    from kit.ui.participant import ParticipantApp
    from kit.workshop import Workshop


def _query() -> dict[str, str]:
    """The page's query string: from the environment, or Voilà's request when preheated."""
    raw = os.environ.get("QUERY_STRING", "")
    if not raw and os.environ.get("VOILA_PREHEAT") == "True":
        _wait_for_request()
        raw = os.environ.get("QUERY_STRING", "")
    return {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}


def _wait_for_request() -> None:
    """A preheated kernel waits here until a phone takes it, then learns its request.

    Does what `voila.utils.wait_for_request` does, without importing `voila`: that import
    pulls in jupyterlab_server and cost every warm kernel 1.3 CPU-s and ~65 MiB (measured)."""
    import json

    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    env = os.environ.get
    base = env("VOILA_WS_BASE_URL") or env("VOILA_SERVER_URL") or "/"
    url = (f"{env('VOILA_WS_PROTOCOL') or 'ws'}://{env('VOILA_APP_IP') or '127.0.0.1'}:"
           f"{env('VOILA_APP_PORT') or '8866'}{base}voila/query/{env('VOILA_KERNEL_ID')}")
    try:
        with connect(url, open_timeout=5) as ws:
            os.environ.update(json.loads(ws.recv()))
    except (OSError, TimeoutError, WebSocketException):
        pass  # as Voilà does: the page opens without its query (the join form asks for the code)


def _public_url() -> str:
    return config.get("public_url") or f"http://localhost:{config.get('port')}/"


def participant_app() -> ParticipantApp:
    """The widget tree of a participant page for the code (and personal code) in the URL."""
    from kit.core.throttle import Throttle, client_address
    from kit.ui.participant import ParticipantApp

    q = _query()
    app = ParticipantApp(open_store(), code=q.get("code", ""), rejoin=q.get("me", ""),
                         language=q.get("lang"), poll_interval=config.get("poll_interval"),
                         public_url=_public_url(), throttle=Throttle.for_server(),
                         client=client_address(),
                         sleep_after=float(os.environ.get("KIT_JOIN_IDLE_AFTER") or 0))
    return app


def board_app() -> BoardApp | w.Label:
    from kit.core.errors import KitError, WorkshopClosed
    from kit.i18n import t
    from kit.ui.board import BoardApp

    q = _query()
    try:
        return BoardApp(open_store(), q.get("code", ""), _public_url(),
                        poll_interval=config.get("poll_interval"))
    except KitError as exc:
        import ipywidgets as w

        # A closed workshop's board says so and nothing more (no title, names or notes).
        return w.Label(t("participant.closed" if isinstance(exc, WorkshopClosed)
                         else "board.no_workshop"))


def facilitator_app() -> FacilitatorApp:
    from kit.core.throttle import Throttle, client_address
    from kit.ui.facilitator import FacilitatorApp

    q = _query()
    app = FacilitatorApp(open_store(), _public_url(),
                         require_key=os.environ.get("KIT_FACILITATOR_REQUIRE_KEY") == "1",
                         poll_interval=config.get("poll_interval"),
                         admin_secret=os.environ.get("KIT_ADMIN_SECRET", ""),
                         throttle=Throttle.for_server(), client=client_address(),
                         unfold_tools=q.get("tools") == "open")
    if q.get("code") and not app.require_key:
        app._act(lambda: app.open(q["code"]))
    return app


def group_editor(workshop: Workshop, language: str = "da") -> w.VBox:
    """The working-group editor (terms, coordinator, invitations, status, actions) for a
    workshop opened with its facilitator key, e.g. in the follow-up notebook."""
    from kit.steps.groups.editor import GroupEditor

    def render() -> None:
        editor.render(workshop.groups(), workshop.participants(), language)

    editor = GroupEditor(lambda: workshop, after=render)
    render()
    return editor.root


__all__ = ["board_app", "facilitator_app", "group_editor", "participant_app"]
