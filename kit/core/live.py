"""Keeps a page in step with the store: polls the workshop's revision and calls back per topic.

It runs as an asyncio task on the kernel's own event loop (widgets may only be touched from
there; output from threads is lost under ipykernel 7). Each poll is one indexed read of a
single integer, and the topics of a change are read only when the revision moved.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable

from kit.core import Workshop
from kit.core.errors import KitError

log = logging.getLogger(__name__)
Handler = Callable[[frozenset[str]], None]


class Live:
    def __init__(self, workshop: Workshop, interval: float = 0.4,
                 on_error: Callable[[KitError | None], None] | None = None) -> None:
        self.workshop = workshop
        self.interval = interval
        self.revision = -1
        self._handlers: list[tuple[frozenset[str], Handler]] = []
        self._task: asyncio.Task | None = None
        self._on_error = on_error

    def on(self, topics: Iterable[str], handler: Handler) -> None:
        self._handlers.append((frozenset(topics), handler))

    def poll(self) -> frozenset[str]:
        """One check; calls the handlers whose topics changed (all of them the first time)."""
        first = self.revision < 0
        change = self.workshop.changes_since(max(self.revision, 0))
        if change.revision == self.revision:
            return frozenset()
        self.revision = change.revision
        for topics, handler in self._handlers:
            hit = topics if first else topics & change.topics
            if hit:
                handler(hit)
        return change.topics

    def start(self) -> None:
        """Poll in the background on the running loop (a kernel's); without one, do nothing:
        callers such as unit tests then drive `poll()` themselves."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if self._task is None:
            self._task = loop.create_task(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                self.poll()
                if self._on_error:
                    self._on_error(None)
            except KitError as exc:
                # The store is busy or gone for a moment: say so and keep trying.
                if self._on_error:
                    self._on_error(exc)
            except Exception:  # noqa: BLE001 - a page must survive one bad refresh
                log.exception("refresh failed")
            await asyncio.sleep(self.interval)
