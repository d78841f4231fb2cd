"""The kernel every page of `kit serve` runs in: ipykernel's, with room for a burst of output.

Why: ZMQ drops what a PUB socket sends past its high-water mark (1,000 messages by default)
while the reader lags. A page's first cell sends one message per widget and per change, a
few thousand for the facilitator's console with its tools unfolded, and the reader is the
Voilà process, which on a loaded machine can be a few seconds behind. What was dropped was
lost for good: the cell's closing "idle" status (Voilà then waited out its IOPub timeout, a
minute, before sending the page) or a step screen's widgets (a phone showed the step's name
over an empty screen). Seen on CI; `tests/test_kernel.py` lets the reader lag and counts.

The cap below bounds what one slow reader may hold in memory instead (a message is well under
a kilobyte). The Voilà side raises its receiving sockets' cap to match (`kit._voila_app`), and
phones' forked kernels start this app too (`kit._fork`).

It also leaves out ipykernel's pipe for forked subprocesses' output, which listens on a TCP
port the system picks (`_WithoutPipe`): with the IPC transport `kit serve` uses, a page's
kernel then holds no TCP port at all.

Run as `python -m kit._kernel -f CONNECTION_FILE` (the kit's `python3` kernel spec).
"""

from __future__ import annotations

from typing import Any

import zmq
from ipykernel import kernelapp
from ipykernel.iostream import IOPubThread
from ipykernel.kernelapp import IPKernelApp

IOPUB_HWM = 100_000
"""Messages a kernel's IOPub socket queues for a reader before it drops any."""


def widen(context: zmq.Context[Any]) -> None:
    """Let the sockets made from `context` from now on queue up to `IOPUB_HWM` messages each
    way (a cap applies to the connections made after it is set)."""
    context.setsockopt(zmq.SNDHWM, IOPUB_HWM)
    context.setsockopt(zmq.RCVHWM, IOPUB_HWM)


class _WithoutPipe(IOPubThread):
    """ipykernel's IOPub thread without its pipe for forked subprocesses' output: that pipe
    listens on a TCP port the system picks, and a page's kernel forks nothing. A kernel
    holding such a port could take the one a server was about to listen on (`kit serve
    --workers` picks its processes' ports the same way), and the browser then met a ZMQ
    socket there ("invalid HTTP response", seen on CI)."""

    def __init__(self, socket: Any, pipe: bool = False, session: Any = False) -> None:
        super().__init__(socket, pipe=False, session=session)  # type: ignore[no-untyped-call]


class KitKernelApp(IPKernelApp):
    """ipykernel's app whose IOPub socket queues up to `IOPUB_HWM` messages per reader, and
    listens on no TCP port of its own."""

    def init_iopub(self, context: zmq.Context[Any]) -> None:
        widen(context)  # before the socket is made: it takes its caps from the context
        # ipykernel makes its thread with the pipe on: this process's kernel app uses ours
        kernelapp.IOPubThread = _WithoutPipe  # type: ignore[attr-defined]
        super().init_iopub(context)  # type: ignore[no-untyped-call]  # untyped upstream


def main() -> None:
    KitKernelApp.launch_instance()


if __name__ == "__main__":
    main()
