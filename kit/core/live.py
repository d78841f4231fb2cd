"""Keeps a page in step with the store: polls the workshop's revision and calls back per topic.

It runs as an asyncio task on the kernel's own event loop (widgets may only be touched from
there; output from threads is lost under ipykernel 7). Each poll is one indexed read of a
single integer, and the topics of a change are read only when the revision moved.

A handler that fails (the store busy for a moment, a bug in one view) keeps its topics
pending and is called again on the next poll; the other handlers run regardless, so one
failing view never leaves the others stale.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from typing import Protocol

from kit.core.errors import KitError
from kit.core.model import Change, Topic

log = logging.getLogger(__name__)
Handler = Callable[[frozenset[Topic]], None]


class Source(Protocol):
    """What `Live` follows: a workshop handle, or anything that reports its changes."""

    def changes_since(self, revision: int) -> Change: ...


class _Subscription:
    __slots__ = ("handler", "participant", "pending", "topics")

    def __init__(self, topics: frozenset[Topic], handler: Handler,
                 participant: str | None) -> None:
        self.topics = topics
        self.handler = handler
        self.participant = participant
        self.pending: frozenset[Topic] = frozenset()


class Live:
    def __init__(self, workshop: Source, interval: float = 0.4,
                 on_error: Callable[[KitError | None], None] | None = None) -> None:
        self.workshop = workshop
        self.interval = interval
        self.revision = -1
        self._subscriptions: list[_Subscription] = []
        self._task: asyncio.Task[None] | None = None
        self._on_error = on_error

    def on(self, topics: Iterable[Topic], handler: Handler,
           participant: str | None = None) -> None:
        """Call `handler` when one of `topics` changes; with `participant`, only when it
        changed for everyone or in that participant's own rows (a phone showing its own notes
        need not redraw for the 149 other phones' notes)."""
        wanted = frozenset(Topic(t) for t in topics)  # a misspelt topic raises here
        self._subscriptions.append(_Subscription(wanted, handler, participant))

    def poll(self) -> frozenset[Topic]:
        """One check; calls the handlers whose topics changed (all of them the first time),
        and again those that failed last time. Raises the first `KitError` a handler raised,
        after every handler has had its turn."""
        first = self.revision < 0
        change = self.workshop.changes_since(max(self.revision, 0))
        moved = change.revision != self.revision
        self.revision = change.revision
        for sub in self._subscriptions:
            if moved:
                sub.pending |= (sub.topics if first else
                                sub.topics & change.seen_by(sub.participant))
        failure: KitError | None = None
        for sub in self._subscriptions:
            if not sub.pending:
                continue
            hit = sub.pending
            try:
                sub.handler(hit)
            except KitError as exc:
                failure = failure or exc
                continue
            except Exception:  # noqa: BLE001 - one broken view must not stop the others
                log.exception("refresh failed")
                continue
            sub.pending = sub.pending - hit
        if failure is not None:
            raise failure
        return change.topics if moved else frozenset()

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
