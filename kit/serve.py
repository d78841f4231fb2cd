"""Starts the two Voilà servers of a workshop: participants + board, and the facilitator app.

Participants can reach only the folder `notebooks/public` (participant and board); the
facilitator notebook lives in another folder served by a second Voilà bound to 127.0.0.1
unless told otherwise. Both get the Voilà settings that measurably matter (DESIGN §8):
IPC transport, culling of idle kernels, no port hopping, a patient wait for a page's output.
With `workers` > 1 the participant side is several Voilà processes on loopback behind nginx
(`kit._proxy`), which alone listens on the public port.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit import _hosts
from kit.core.errors import InvalidTrustedProxies, InvalidWorkers

IOPUB_TIMEOUT = 60  # seconds; only ever waited out when a kernel is overloaded
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def notebooks_dir() -> Path:
    return Path(os.environ.get("KIT_NOTEBOOKS") or NOTEBOOKS)


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def guess_public_url(host: str, port: int) -> str:
    """The address phones should use: the machine's LAN address when serving on all."""
    if host not in ("0.0.0.0", "::", ""):
        return f"http://{host}:{port}/"
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = info[4][0]
            if not ipaddress.ip_address(address).is_loopback:
                return f"http://{address}:{port}/"
    except OSError:
        pass
    return f"http://127.0.0.1:{port}/"


@dataclass
class ServerSpec:
    root: Path
    main: str
    host: str
    port: int
    preheat: int = 0
    compress: bool = True
    base_url: str = "/"
    allowed_hosts: str = ""  # comma-separated; the loopback names are always allowed
    behind_proxy: bool = False
    trusted_proxies: str = ""       # whose X-Forwarded-For names the client (kit._hosts)
    max_kernels: int = 0            # 0 = no cap (the facilitator's server)
    max_pages_per_address: int = 0
    fork_kernels: bool = False      # kernels forked from a warm parent (kit._fork)

    def argv(self, cull_after: int) -> list[str]:
        args = [sys.executable, "-m", "kit._voila_app", str(self.root),
                f"--KitVoila.main_notebook={self.main}", "--no-browser",
                f"--Voila.ip={self.host}", f"--port={self.port}", "--Voila.port_retries=0",
                "--KernelManager.transport=ipc",
                f"--MappingKernelManager.cull_idle_timeout={cull_after}",
                f"--MappingKernelManager.cull_interval={max(5, cull_after // 4)}",
                "--VoilaConfiguration.show_tracebacks=False",
                "--VoilaConfiguration.template=kit",
                # nbclient gives up on a cell's output 4 s after its reply by default: on a
                # busy machine the widget view came later and the phone got an empty page.
                f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT}",
                f"--KitVoila.compress={self.compress}",
                f"--KitVoila.allowed_hosts={self.allowed_hosts}",
                f"--KitVoila.behind_proxy={self.behind_proxy}",
                f"--KitVoila.trusted_proxies={self.trusted_proxies}",
                f"--KitVoila.max_kernels={self.max_kernels}",
                f"--KitVoila.max_pages_per_address={self.max_pages_per_address}",
                f"--KitVoila.address_window={cull_after}"]
        if self.base_url != "/":
            args.append(f"--Voila.base_url={self.base_url}")
        if self.preheat:
            args += ["--preheat_kernel=True", f"--pool_size={self.preheat}"]
        if self.fork_kernels:
            # the provisioner registered by this package (pyproject's entry points)
            args.append("--KernelProvisionerFactory.default_provisioner_name=kit-fork")
        return args


def wait_for_port(host: str, port: int, timeout: float = 60.0,
                  proc: subprocess.Popen[Any] | None = None) -> bool:
    target = "127.0.0.1" if host in ("0.0.0.0", "", "localhost") else host
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        with socket.socket() as s:
            s.settimeout(0.3)
            if s.connect_ex((target, port)) == 0:
                return True
        time.sleep(0.1)
    return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]  # (host, port) of an AF_INET socket
        return port


def start(host: str, port: int, facilitator_host: str, facilitator_port: int,
          database_url: str, public_url: str, poll_interval: float, cull_after: int,
          preheat: int = 0, log_dir: Path | None = None,
          compress: bool = True, workers: int = 1,
          allowed_hosts: str = "", admin_secret: str = "", max_kernels: int = 0,
          max_pages_per_address: int = 0,
          join_idle_after: int = 0, require_key: bool = False,
          fork_kernels: bool | None = None,
          trusted_proxies: str = "") -> list[subprocess.Popen[bytes]]:
    """Start the servers and return their processes once all listen.

    With `workers` > 1, that many participant Voilà processes listen on free loopback ports
    and nginx on `host:port` (it compresses, so the processes do not). Both servers answer
    only to the names of `kit._hosts.allowed_hosts` (and `allowed_hosts`, comma-separated).
    `fork_kernels` (None: the `fork_kernels` setting) forks the participant side's kernels
    from a warm parent; the facilitator's app keeps ordinary ones. `trusted_proxies`
    (addresses or networks) are the proxies whose X-Forwarded-For is believed: by nginx
    (`real_ip`) with workers, else by the participant process itself."""
    from kit import _proxy, config

    if workers < 1:
        raise InvalidWorkers(value=workers)
    fork = bool(config.get("fork_kernels") if fork_kernels is None else fork_kernels)
    try:
        trusted = [str(n) for n in _hosts.trusted_networks(trusted_proxies)]
    except ValueError as exc:
        raise InvalidTrustedProxies(detail=str(exc)) from None
    root = notebooks_dir()
    if workers > 1:
        _proxy.find_nginx()  # say so before anything starts
    # The servers' private folder (0700): the shared backoff file of wrong codes, nginx's
    # configuration and cache. Removed by stop().
    run_dir = Path(tempfile.mkdtemp(prefix="kit-serve-"))
    env = dict(os.environ, KIT_RUN_DIR=str(run_dir), KIT_DATABASE_URL=database_url,
               KIT_PUBLIC_URL=public_url, KIT_POLL_INTERVAL=str(poll_interval), KIT_PORT=str(port),
               KIT_FACILITATOR_REQUIRE_KEY="1" if require_key or not is_loopback(
                   facilitator_host) else "0")
    env.pop("KIT_ADMIN_SECRET", None)  # the facilitator's server alone gets it, below
    env["KIT_JOIN_IDLE_AFTER"] = str(join_idle_after)
    # Round-robin spreads pages over the workers: each gets its share of the caps.
    caps = (-(-max_kernels // workers), -(-max_pages_per_address // workers))
    names = _hosts.allowed_hosts([host, facilitator_host], [public_url],
                                 _hosts.split_list(allowed_hosts))
    allowed = ",".join(names)
    if workers == 1:
        specs = [ServerSpec(root / "public", "participant.ipynb", host, port, preheat, compress,
                            allowed_hosts=allowed, max_kernels=caps[0],
                            max_pages_per_address=caps[1], fork_kernels=fork,
                            trusted_proxies=",".join(trusted))]
    else:
        specs = [ServerSpec(root / "public", "participant.ipynb", "127.0.0.1", free_port(),
                            preheat, False, _proxy.prefix(n), allowed, behind_proxy=True,
                            max_kernels=caps[0], max_pages_per_address=caps[1],
                            fork_kernels=fork)
                 for n in range(1, workers + 1)]
    specs.append(ServerSpec(root / "facilitator", "facilitator.ipynb", facilitator_host,
                            facilitator_port, compress=compress, allowed_hosts=allowed))
    # Participant kernels run what phones drive: the admin secret stays out of their
    # environment (every kernel inherits its server's).
    facilitator_env = dict(env, **({"KIT_ADMIN_SECRET": admin_secret} if admin_secret else {}))
    procs = []
    for spec in specs:
        # Without a log folder the output goes to the terminal, filtered (`_forward`).
        out = (open(log_dir / f"voila-{spec.port}.log", "w") if log_dir else subprocess.PIPE)
        spec_env = facilitator_env if spec is specs[-1] else env
        procs.append(subprocess.Popen(spec.argv(cull_after), env=spec_env, stdout=out,
                                      stderr=subprocess.STDOUT, start_new_session=True))
        if log_dir is None:
            threading.Thread(target=_forward, args=(procs[-1],), daemon=True).start()
    _RUN_DIRS[procs[0].pid] = run_dir
    try:  # Ctrl-C while they start must stop them too
        for spec, proc in zip(specs, procs, strict=True):
            if not wait_for_port(spec.host, spec.port, proc=proc):
                raise RuntimeError(f"Voilà did not start on {spec.host}:{spec.port}")
    except BaseException:
        stop(procs)
        raise
    if workers > 1:
        nginx_dir = Path(log_dir or run_dir) / "nginx"
        conf = _proxy.write(host, port, [s.port for s in specs[:-1]], nginx_dir, names,
                            trusted=trusted)
        try:
            proxy = _proxy.start(conf)
        except Exception:
            stop(procs)
            raise
        procs.insert(0, proxy)
        if not wait_for_port(host, port, proc=proxy):
            stop(procs)
            log = nginx_dir / "nginx-error.log"
            raise RuntimeError(f"nginx did not start on {host}:{port}: "
                               f"{log.read_text()[-500:] if log.exists() else ''}")
    return procs


def key_text(code: str, key: str, stdout: Any = None) -> str:
    """What `kit serve --code` prints after "Facilitator key:" (the caller's label).

    On a terminal (someone at the server's keyboard) the key itself, as before. Otherwise
    stdout is a file or a service journal that others may read and that is kept for long, so
    the key goes to a file only this user can read (0600, in the store's private folder
    beside the default SQLite file), and the text names that file."""
    stream = sys.stdout if stdout is None else stdout
    if getattr(stream, "isatty", lambda: False)():
        return key
    from kit.core.db import default_sqlite_path

    folder = default_sqlite_path().parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"facilitator-key-{code}.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        os.fchmod(out.fileno(), 0o600)  # an older file of another mode is tightened too
        out.write(key + "\n")
    return f"in {path} (readable by this user only; not shown off a terminal)"


_RUN_DIRS: dict[int, Path] = {}  # a Voilà process's pid → the run folder stop() removes


# Warnings of the normal course of a workshop: every notebook rendered (ours are ours), every
# closed phone's kernel culled, Jupyter's websocket ping settings on the first connection.
_NOISE = ("is not trusted", "Culling 'idle' kernel", "websocket_ping_timeout")


def _forward(proc: subprocess.Popen[bytes]) -> None:
    """A Voilà process's output to the terminal, without what a facilitator cannot act on:
    its informational lines (`[KitVoila] message`; warnings and errors carry `LEVEL |`) with
    the address line that follows "Voilà is running at", and the notebooks' trust warnings.
    Anything else (warnings, errors, a kernel's traceback) is passed on as it comes, until
    `stop` is asked to end the process (a kernel cut short while starting is not an error)."""
    stream = getattr(proc, "stdout", None)  # (a stand-in process in a test has none)
    if stream is None:
        return
    after_info = False
    for raw in stream:
        line = raw.decode("utf-8", "replace")
        info = line.startswith("[") and "] " in line and " | " not in line.split("] ", 1)[1][:12]
        skip = info or any(n in line for n in _NOISE) or (
            after_info and line.startswith("http"))
        after_info = info
        if not skip and proc.pid not in _STOPPING:
            sys.stderr.write(line)
            sys.stderr.flush()


STOP_WITHIN = 6.0  # seconds; then the servers are killed (their kernels follow their parent)


_STOPPING: set[int] = set()  # pids that stop() ends: their output is no longer shown


def stop(procs: list[subprocess.Popen[Any]]) -> None:
    _STOPPING.update(p.pid for p in procs)
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    # One deadline for all: each Voilà shuts its kernels down at once, in parallel.
    deadline = time.monotonic() + STOP_WITHIN
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for proc in procs:
        run_dir = _RUN_DIRS.pop(proc.pid, None)
        if run_dir is not None:
            shutil.rmtree(run_dir, ignore_errors=True)
