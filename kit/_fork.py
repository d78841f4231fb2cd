"""Phone kernels forked from a warm parent instead of started from scratch.

A kernel started the ordinary way is a new Python that imports IPython, ipykernel,
ipywidgets, anywidget and the kit before it can run the phone's notebook: ~0.35 CPU-s and
~40 MiB of private memory per phone (DESIGN §8). Here one small *fork server* per Voilà
process imports all that once, freezes its objects for the garbage collector (so that
collections do not write to, and so copy, the shared pages) and then only forks. Each child
opens its own connection file, sockets and store: nothing that must not be shared is open in
the parent when it forks (no sockets but its listening one, which the child closes, no
threads, no event loop, no database connection), and the child reseeds `random`.

`ForkProvisioner` is the jupyter_client kernel provisioner (the documented extension point,
registered as the entry point `kit-fork`) that asks the fork server for a kernel instead of
running `kit._kernel`; Voilà's kernel pool, culling, the kernel budget and sleep see
an ordinary kernel. The server is started on the first kernel and again if it has died; a
kernel whose fork server died keeps running (it watches the Voilà process instead, and exits
when that is gone).

On by default (`kit serve --fork-kernels 0` turns it off); measured in bench/fork_kernels.py.
Run as `python -m kit._fork SOCKET PARENT_PID` (done by the provisioner).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

# What a phone's kernel imports before its first cell runs, and what its notebook imports.
# (The second line is what a kernel's start imported after the fork when it was left out.)
WARM_MODULES = ("ipykernel.kernelapp", "kit._kernel", "ipykernel.ipkernel", "ipykernel.zmqshell",
                "IPython", "ipywidgets", "anywidget", "comm", "zmq", "tornado.ioloop",
                "jupyter_client.session", "kit", "kit.ui", "kit.ui.participant",
                "kit.ui.board", "sqlalchemy", "babel", "setproctitle",
                "ipykernel.debugger", "IPython.core.completerlib", "IPython.core.debugger",
                "IPython.core.logger", "IPython.core.oinspect", "IPython.extensions.storemagic",
                "IPython.utils.wildcard", "faulthandler", "pdb", "tornado.gen", "tornado.locks",
                "tornado.platform.asyncio", "tornado.queues")
START_TIMEOUT = 60.0  # seconds for the fork server's imports on a loaded machine
PARENT_CHECK = 2.0    # seconds between a forked kernel's looks at its Voilà process


# -- the fork server -------------------------------------------------------------------

def _reap(_signum: int, _frame: object) -> None:
    """Collect every exited child at once, so none lingers as a zombie (whose pid would
    still look alive to the provisioner's poll)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _watch_parent(parent: int) -> None:
    """In a forked kernel: exit once the Voilà process that asked for it is gone (what
    ipykernel's own parent poller does for an ordinary kernel, which compares with its
    direct parent: here that is the fork server, which may come and go)."""
    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:
                pass
    threading.Thread(target=watch, name="kit-parent-watch", daemon=True).start()


def _child(request: dict[str, Any]) -> None:
    """Become the kernel `request` asks for; never returns."""
    import random

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.setsid()  # its own process group: Voilà signals and kills the group, as for any kernel
    # Nothing of the parent's but stdin/stdout/stderr: the listening socket and the
    # connection it answered on stay the server's.
    os.closerange(3, 65536)
    random.seed()  # os.urandom-seeded; `secrets` and uuid4 read the OS anyway
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in request["env"].items()})
    # Its parent is the fork server, not Voilà: ipykernel's parent poller (which compares
    # with the direct parent) stays off for 1, and `_watch_parent` watches Voilà instead.
    # (The trait's default was read from the server's environment at import: set it here.)
    os.environ["JPY_PARENT_PID"] = "1"
    argv = [*request["argv"], "--IPKernelApp.parent_handle=1",
            "--HistoryManager.enabled=False"]
    sys.argv = ["kit._kernel", *argv]
    # In `ps` (and to the kernel budget's tests) it is the kernel it now is, not the server.
    import setproctitle

    setproctitle.setproctitle(" ".join([sys.executable, "-m", *sys.argv]))
    os.chdir(request.get("cwd") or os.getcwd())
    _watch_parent(int(request["parent"]))
    from kit._kernel import KitKernelApp

    code = 0
    try:
        app = KitKernelApp.instance()
        app.initialize(argv)  # type: ignore[no-untyped-call]
        # ipywidgets registers its comm targets when imported into a running IPython; in the
        # fork server there was none, so a page could not ask for its widgets' state (the
        # "jupyter.widget.control" target): register them now, as the import would have.
        widgets = sys.modules.get("ipywidgets")
        if widgets is not None:
            widgets._handle_ipython()
        app.start()  # type: ignore[no-untyped-call]
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 0
    except BaseException:  # noqa: BLE001 - a kernel that fails says so in the log and exits
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _warm() -> None:
    """Import what every kernel needs, then freeze those objects for the collector."""
    import gc
    import importlib

    # A phone kernel never needs the debugger: without debugpy ipykernel skips it, and the
    # ~110 modules of pydevd are neither imported here nor in each child.
    sys.modules.setdefault("debugpy", None)  # type: ignore[arg-type]
    for name in WARM_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # an optional one; the child imports it itself if it is needed
            pass
    from kit import steps

    for step in steps.STEPS:  # every step's phone screen, imported when a phone first shows it
        if step.phone is not None:
            step.phone()
    gc.collect()
    gc.freeze()


def serve(path: str, parent: int) -> None:
    """Answer fork requests on the Unix socket `path` until the Voilà process `parent` is
    gone. One request a connection: a JSON line in, `{"pid": N}` out."""
    _warm()
    import setproctitle

    # Now, while the environment is still where the process started with it: setproctitle
    # finds the room for a longer title there, and a forked kernel inherits what it found.
    setproctitle.setproctitle(f"{sys.executable} -m kit._fork {path} {parent}")
    signal.signal(signal.SIGCHLD, _reap)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path + ".tmp")
    os.chmod(path + ".tmp", 0o600)
    os.replace(path + ".tmp", path)  # appears whole: the provisioner waits for it
    listener.listen(64)
    listener.settimeout(1.0)
    while True:
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                return
            continue
        with conn:
            conn.settimeout(10)
            try:
                request = json.loads(conn.makefile("r", encoding="utf-8").readline())
            except (OSError, ValueError):
                continue
            pid = os.fork()
            if pid == 0:
                listener.close()
                conn.close()
                _child(request)
            try:
                conn.sendall((json.dumps({"pid": pid}) + "\n").encode())
            except OSError:
                pass


# -- the provisioner's side ------------------------------------------------------------

class _Server:
    """The fork server of this Voilà process: started when first needed, and again when it
    has died."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kit-fork-"))
        self.path = str(self.folder / "fork.sock")
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = asyncio.Lock()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    async def start(self) -> None:
        if self.alive():
            return
        if os.path.exists(self.path):
            os.unlink(self.path)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kit._fork", self.path, str(os.getpid())],
            stdin=subprocess.DEVNULL,
            # no secret of the servers' in the memory every kernel is forked from (each child
            # gets the environment Voilà gives it, as an ordinary kernel would)
            env={**{k: v for k, v in os.environ.items() if k != "KIT_ADMIN_SECRET"},
                 "MALLOC_ARENA_MAX": "2"})
        deadline = time.monotonic() + START_TIMEOUT
        while not os.path.exists(self.path):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the kernel fork server did not start")
            await asyncio.sleep(0.05)

    async def fork(self, request: dict[str, Any]) -> int:
        async with self.lock:
            await self.start()
            reader, writer = await asyncio.open_unix_connection(self.path)
            try:
                writer.write((json.dumps(request) + "\n").encode())
                await writer.drain()
                answer = json.loads(await asyncio.wait_for(reader.readline(), 30))
            finally:
                writer.close()
            return int(answer["pid"])


_SERVER: _Server | None = None


def _server() -> _Server:
    global _SERVER
    if _SERVER is None:
        _SERVER = _Server()
    return _SERVER


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks (field 22 of /proc/PID/stat), or None when
    there is no such live process (gone, or a zombie not yet collected)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] in ("Z", "X"):
        return None
    return fields[19]


class ForkedKernel:
    """A forked kernel as jupyter_client's local provisioner expects its process: the
    subset of `subprocess.Popen` it uses. Not our child, so its exit code is not ours to
    read: a kernel that is gone reads as exited with 0 unless it was killed by us."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.started = _start_time(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and (self.started is None
                                        or _start_time(self.pid) != self.started):
            self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _provisioner_class() -> type:
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):
        """Launches a kernel by asking this Voilà process's fork server to fork one; every
        other part of a kernel's life (signals, kill, cleanup, ports) is the local
        provisioner's."""

        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
            argv = _kernel_argv(cmd)
            if argv is None:  # not an ipykernel command line: start it the ordinary way
                return await super().launch_kernel(cmd, **kwargs)
            env = kwargs.get("env") or dict(os.environ)
            cwd = str(kwargs.get("cwd") or os.getcwd())
            pid = await _server().fork({"argv": argv, "env": dict(env), "cwd": cwd,
                                        "parent": os.getpid()})
            self.process = ForkedKernel(pid)  # type: ignore[assignment]
            self.pid = pid
            self.pgid = pid  # the child made its own session
            self.cwd = cwd
            return self.connection_info

    return ForkProvisioner


def _kernel_argv(cmd: list[str]) -> list[str] | None:
    """The kernel app's own arguments in an ipykernel command line (`python -m kit._kernel
    -f CONNECTION_FILE ...`, or ipykernel's own launcher), or None for another kernel."""
    for i, part in enumerate(cmd[:-1]):
        if part == "-m" and cmd[i + 1] in ("kit._kernel", "ipykernel_launcher", "ipykernel"):
            return cmd[i + 2:]
    return None


def __getattr__(name: str) -> Any:
    # The entry point names kit._fork:ForkProvisioner; jupyter_client is imported only by
    # the Voilà process that uses it, never by the fork server before it forks.
    if name == "ForkProvisioner":
        cls = _provisioner_class()
        globals()["ForkProvisioner"] = cls
        return cls
    raise AttributeError(name)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
