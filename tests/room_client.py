"""A phone without a browser: opens the participant page over HTTP and drives its widgets over
the kernel's websocket, as the page's scripts would (ipywidgets' comm messages: the states of
all models, a value typed into a box, a button clicked).

For the room tests of `kit serve` behind a proxy: a hundred and fifty of these are cheap, a
hundred and fifty Chromium pages are not. Each request carries the `X-Forwarded-For` a proxy
in front would add, so each client can be a phone of its own.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect


@dataclass
class Phone:
    base: str               # http://127.0.0.1:PORT
    forwarded: str          # the address a proxy in front says this phone has
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # every HTML value the kernel sent
    ws: WebSocketClientConnection | None = None
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    status: int = 0
    body: str = ""
    done: set[str] = field(default_factory=set)  # messages the kernel has finished with

    def headers(self) -> dict[str, str]:
        host = self.base.split("//", 1)[1]
        return {"Host": host, "X-Forwarded-For": self.forwarded}

    async def open(self, query: str = "") -> int:
        """GET the entry link (following the redirects of `--workers`); the page's status."""
        client = AsyncHTTPClient()
        try:
            response = await client.fetch(HTTPRequest(
                f"{self.base}/{query}", headers=self.headers(), request_timeout=600,
                follow_redirects=True))
        except HTTPClientError as exc:
            self.status = exc.code
            self.body = exc.response.body.decode("utf-8", "replace") if exc.response else ""
            return self.status
        self.status, self.body = response.code, response.body.decode("utf-8", "replace")
        kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', self.body)
        if kernel is None:
            raise AssertionError(f"no kernel in the page: {self.body[:300]}")
        path = response.effective_url.split(self.base, 1)[1]
        worker = re.match(r"/w\d+/", path)
        base = self.base.replace("http", "ws", 1) + (worker.group(0) if worker else "/")
        cookie = response.headers.get("Set-Cookie", "").split(";")[0]
        self.ws = await websocket_connect(HTTPRequest(
            f"{base}api/kernels/{kernel.group(1)}/channels?session_id={self.session}",
            headers=self.headers() | {"Cookie": cookie}, request_timeout=600),
            max_message_size=64 * 2**20)
        control = uuid.uuid4().hex
        # the widget control protocol's version, as @jupyter-widgets/base sends it
        await self._send("comm_open", {"comm_id": control, "target_name":
                                       "jupyter.widget.control", "data": {}},
                         {"version": "1.0.0"})
        await self._send("comm_msg", {"comm_id": control,
                                      "data": {"method": "request_states"}})
        if not await self.wait(lambda: any(s.get("_model_name") == "ButtonModel"
                                           for s in self.states.values()), 300):
            raise AssertionError("the page's widgets never came")
        return self.status

    async def _send(self, kind: str, content: dict[str, Any],
                    metadata: dict[str, Any] | None = None) -> str:
        assert self.ws is not None
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": kind, "session": self.session,
                       "username": "phone", "version": "5.3", "date": "2026-01-01T00:00:00Z"},
            "parent_header": {}, "metadata": metadata or {}, "content": content,
            "channel": "shell",
            "buffers": []}))
        return msg_id

    def _take(self, raw: str | bytes) -> None:
        if not isinstance(raw, str):
            return  # binary frames: buffers, which no text widget of ours uses
        msg = json.loads(raw)
        if msg.get("msg_type") == "status" and \
                msg["content"].get("execution_state") == "idle":
            self.done.add(msg.get("parent_header", {}).get("msg_id", ""))
        if msg.get("msg_type") != "comm_msg":
            return
        data = msg["content"].get("data", {})
        if data.get("method") == "update_states":
            for model, entry in data.get("states", {}).items():
                self.states.setdefault(model, {}).update(entry.get("state", entry))
        elif data.get("method") == "update":
            model = msg["content"]["comm_id"]
            self.states.setdefault(model, {}).update(data.get("state", {}))
            value = data.get("state", {}).get("value")
            if isinstance(value, str):
                self.texts.append(value)

    async def wait(self, condition: Any, seconds: float) -> bool:
        assert self.ws is not None
        deadline = time.monotonic() + seconds
        while not condition():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                raw = await asyncio.wait_for(self.ws.read_message(), left)
            except TimeoutError:
                return False
            if raw is None:
                return False
            self._take(raw)
        return True

    def model(self, kind: str, **state: Any) -> str:
        for model, s in self.states.items():
            if s.get("_model_name") == kind and all(s.get(k) == v for k, v in state.items()):
                return model
        raise AssertionError(f"no {kind} with {state}")

    async def type(self, model: str, value: str) -> None:
        self.states[model]["value"] = value
        await self._send("comm_msg", {"comm_id": model, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}})

    async def pick(self, model: str, index: int) -> None:
        await self._send("comm_msg", {"comm_id": model, "data": {
            "method": "update", "state": {"index": index}, "buffer_paths": []}})

    async def click(self, model: str, settle: float = 0.0) -> None:
        """Click; with `settle`, wait (up to that long) until the kernel has handled it."""
        sent = await self._send("comm_msg", {"comm_id": model, "data": {
            "method": "custom", "content": {"event": "click"}}})
        if settle:
            await self.wait(lambda: sent in self.done, settle)

    def value_of(self, model: str) -> str:
        return str(self.states[model].get("value", ""))

    async def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None
