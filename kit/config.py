"""Settings of `kit serve`, declared once: name, type, default, help and environment variable.

The CLI builds its options from `SETTINGS`; the served kernels read the same values back from
the environment the server hands them, so one setting never has two defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "KIT_" + self.name.upper()

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def value(self) -> Any:
        raw = os.environ.get(self.env)
        return self.default if raw in (None, "") else self.type(raw)


SETTINGS: tuple[Setting, ...] = (
    Setting("host", str, "127.0.0.1",
            "Address for participants and the board; 0.0.0.0 lets phones on the local "
            "network join."),
    Setting("port", int, 8866, "Port of the participant and board server."),
    Setting("facilitator_port", int, 8867, "Port of the facilitator app."),
    Setting("facilitator_host", str, "127.0.0.1",
            "Address of the facilitator app. Anything but loopback makes the app ask for "
            "the workshop's facilitator key."),
    Setting("public_url", str, "",
            "Address phones use to reach the participant server (shown as link and QR); "
            "guessed from the machine's network address when empty."),
    Setting("allowed_hosts", str, "",
            "Host names both servers answer to besides loopback, the listening address and "
            "the public address (comma-separated), e.g. the name of a TLS proxy in front. "
            "Requests with any other Host or Origin get 403 (DNS rebinding)."),
    Setting("trusted_proxies", str, "",
            "Addresses or networks of reverse proxies in front (comma-separated, e.g. "
            "10.0.0.5 or 10.0.0.0/24) whose X-Forwarded-For header names the phone. Without "
            "it nothing forwarded is believed, and behind a proxy every phone counts as the "
            "proxy's address in the per-address limits."),
    Setting("require_key", int, 0,
            "1 = the facilitator app always asks for the workshop's key (and the admin "
            "secret to create), also on loopback: set it behind a reverse proxy, where "
            "every request comes from 127.0.0.1."),
    Setting("admin_secret", str, "",
            "Secret that creating a workshop on an exposed facilitator app asks for (set it "
            "in the environment rather than on the command line, where ps shows it). "
            "Without it an exposed app only opens workshops."),
    Setting("poll_interval", float, 0.4,
            "Seconds between each open page's checks for changes in the store."),
    Setting("cull_after", int, 300,
            "Seconds after which the kernel of a closed or disconnected page is stopped."),
    Setting("preheat", int, 2,
            "Kernels per public notebook kept started ahead of joins (0 = off); a joining "
            "phone then skips the kernel start (about 0.7 s)."),
    Setting("max_kernels", int, -1,
            "Kernels the participant server runs at once, warm ones included (about 46 MiB "
            "each, 28 MiB forked); one more page gets a 'try again in a minute' page. -1 = "
            "as many as the machine's available memory holds, said at start; 0 = no cap."),
    Setting("max_pages_per_address", int, 300,
            "Pages one client address may open within --cull-after seconds (a phone left "
            "reloading leaves a kernel behind each time). Sized for a room of 150 phones "
            "behind one address (a municipal NAT, a mobile carrier), each reloading once; "
            "--max-kernels is the real limit. 0 = no cap."),
    Setting("join_idle_after", int, 120,
            "Seconds a participant page that has not joined may sit without a keystroke "
            "before it goes to sleep and its kernel stops. 0 = never."),
    Setting("workers", int, 1,
            "Participant Voilà processes. 2 or more put nginx (Debian package nginx) on "
            "--port in front of them: it gzips, caches the scripts for all of them and gives "
            "each phone to one process, which keeps it."),
    Setting("fork_kernels", int, 1,
            "1 = the participant server forks each page's kernel from a warm parent that "
            "has already imported the kit (kit._fork): about 25 instead of 43 MiB and half "
            "the CPU of a kernel started from scratch. 0 = ordinary kernels."),
    Setting("compress", int, 1,
            "1 = gzip what the servers send (a phone's first page shrinks about fourfold); "
            "0 = send it as is."),
)

BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> Any:
    return BY_NAME[name].value()
