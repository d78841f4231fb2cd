"""Which names a `kit serve` server answers to: the Host and Origin allow-list.

Why: a web page the facilitator visits can point a domain of its own at 127.0.0.1 (DNS
rebinding); the browser then sends that domain as Host, and as Origin of its websockets, and
the page could open workshops and read names. So each server answers only to the loopback
names, the address it was told to listen on, the public address phones use, the machine's own
addresses when it listens on all of them, and the names the operator adds (`--allowed-hosts`,
e.g. the name of a TLS proxy in front). Everything else gets 403 before any handler runs.
No ipywidgets, no Voilà here: the proxy configuration and the tests use it too.
"""

from __future__ import annotations

import socket
import urllib.parse
from collections.abc import Iterable

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def hostname(value: str) -> str:
    """The lower-case host name of a Host header (`name:port`, `[::1]:80`) or an Origin URL;
    "" when there is none (a missing header, `null`, garbage)."""
    value = (value or "").strip()
    if not value or value == "null":
        return ""
    try:
        parts = urllib.parse.urlsplit(value if "//" in value else "//" + value)
        name = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a port that is no number
    except ValueError:
        return ""
    return name.rstrip(".").lower()


def machine_addresses() -> set[str]:
    """Every address of this machine's network interfaces, and its own names."""
    found: set[str] = set()
    try:
        import psutil  # type: ignore[import-untyped]  # ipykernel's dependency

        for addresses in psutil.net_if_addrs().values():
            for a in addresses:
                if a.family in (socket.AF_INET, socket.AF_INET6):
                    found.add(a.address.split("%", 1)[0].lower())
    except (ImportError, OSError):
        pass
    try:
        name = socket.gethostname().lower()
        found |= {name, f"{name}.local", socket.getfqdn().lower()}
        for info in socket.getaddrinfo(name, None):
            found.add(str(info[4][0]).lower())
    except OSError:
        pass
    return {f for f in found if f}


def allowed_hosts(binds: Iterable[str], public_urls: Iterable[str] = (),
                  extra: Iterable[str] = ()) -> list[str]:
    """The names a server bound to `binds` answers to (sorted, lower case)."""
    names = set(LOOPBACK_NAMES)
    for bind in binds:
        if bind in WILDCARDS:
            names |= machine_addresses()
        else:
            names.add(hostname(bind) or bind.lower())
    names |= {hostname(u) for u in public_urls}
    names |= {hostname(e) or e.strip().lower() for e in extra}
    return sorted(n for n in names if n)


def split_list(value: str) -> list[str]:
    """`a, b c` → [a, b, c]: the form of `--allowed-hosts` and `KIT_ALLOWED_HOSTS`."""
    return [v for v in value.replace(",", " ").split() if v]


def refusal(host: str, origin: str | None, allowed: Iterable[str]) -> str:
    """Why a request with this Host and Origin header is refused ("" = it is not)."""
    names = set(allowed)
    if hostname(host) not in names:
        return "host"
    if origin is not None and hostname(origin) not in names:
        return "origin"
    return ""
