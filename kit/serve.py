"""Starts the two Voilà servers of a workshop: participants + board, and the facilitator app.

Participants can reach only the folder `notebooks/public` (participant and board); the
facilitator notebook lives in another folder served by a second Voilà bound to 127.0.0.1
unless told otherwise. Both get the Voilà settings that measurably matter (DESIGN §8):
IPC transport, culling of idle kernels, no port hopping.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

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

    def argv(self, cull_after: int) -> list[str]:
        args = [sys.executable, "-m", "kit._voila_app", str(self.root),
                f"--KitVoila.main_notebook={self.main}", "--no-browser",
                f"--Voila.ip={self.host}", f"--port={self.port}", "--Voila.port_retries=0",
                "--KernelManager.transport=ipc",
                f"--MappingKernelManager.cull_idle_timeout={cull_after}",
                f"--MappingKernelManager.cull_interval={max(5, cull_after // 4)}",
                "--VoilaConfiguration.show_tracebacks=False",
                f"--KitVoila.compress={self.compress}"]
        if self.preheat:
            args += ["--preheat_kernel=True", f"--pool_size={self.preheat}"]
        return args


def wait_for_port(host: str, port: int, timeout: float = 60.0,
                  proc: subprocess.Popen | None = None) -> bool:
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


def start(host: str, port: int, facilitator_host: str, facilitator_port: int,
          database_url: str, public_url: str, poll_interval: float, cull_after: int,
          preheat: int = 0, log_dir: Path | None = None,
          compress: bool = True) -> list[subprocess.Popen]:
    """Start both servers and return their processes once both listen."""
    root = notebooks_dir()
    env = dict(os.environ, KIT_DATABASE_URL=database_url, KIT_PUBLIC_URL=public_url,
               KIT_POLL_INTERVAL=str(poll_interval), KIT_PORT=str(port),
               KIT_FACILITATOR_REQUIRE_KEY="0" if is_loopback(facilitator_host) else "1")
    specs = [ServerSpec(root / "public", "participant.ipynb", host, port, preheat, compress),
             ServerSpec(root / "facilitator", "facilitator.ipynb", facilitator_host,
                        facilitator_port, compress=compress)]
    procs = []
    for spec in specs:
        out = (open(log_dir / f"voila-{spec.port}.log", "w") if log_dir else None)
        procs.append(subprocess.Popen(spec.argv(cull_after), env=env, stdout=out,
                                      stderr=subprocess.STDOUT if out else None,
                                      start_new_session=True))
    for spec, proc in zip(specs, procs, strict=True):
        if not wait_for_port(spec.host, spec.port, proc=proc):
            stop(procs)
            raise RuntimeError(f"Voilà did not start on {spec.host}:{spec.port}")
    return procs


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
