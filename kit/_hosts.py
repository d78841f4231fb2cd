"""Which names a `kit serve` server answers to: the Host and Origin allow-list.

Why: a web page the facilitator visits can point a domain of its own at 127.0.0.1 (DNS
rebinding); the browser then sends that domain as Host, and as Origin of its websockets, and
the page could open workshops and read names. So each server answers only to the loopback
names, the address it was told to listen on, the public address phones use, the machine's own
addresses when it listens on all of them, and the names the operator adds (`--allowed-hosts`,
e.g. the name of a TLS proxy in front). Everything else gets 403 before any handler runs.
Origins must also name the port the request came to (another local service on another port
is another origin).

Which address a request comes from (`client_address`): the TCP peer, unless that peer is a
proxy the operator trusts (`--trusted-proxies`); only then is its `X-Forwarded-For` read,
from the right, up to the first address that is not a trusted proxy. Without trusted proxies
nothing forwarded is believed: a phone could otherwise name any address it likes and escape
the per-address limits.
No ipywidgets, no Voilà here: the proxy configuration and the tests use it too.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

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
    if origin is not None and (hostname(origin) not in names or not same_port(host, origin)):
        return "origin"
    return ""


def _port(value: str, scheme: str = "") -> int | None:
    """The port of a Host header or an Origin URL; the scheme's default when none is written
    (None for a Host header without one: it does not say which scheme it came by)."""
    try:
        parts = urllib.parse.urlsplit(value if "//" in value else "//" + value)
        port = parts.port
    except ValueError:
        return None
    if port is not None:
        return port
    return {"http": 80, "https": 443}.get(scheme or parts.scheme)


def same_port(host: str, origin: str) -> bool:
    """Whether an Origin names the port of the Host the request came to. A Host without a
    port (a TLS proxy that forwards `$host`) matches an Origin on its scheme's default port."""
    origin = (origin or "").strip()
    wanted = _port(origin)
    got = _port((host or "").strip())
    if got is None:
        return "://" in origin and urllib.parse.urlsplit(origin).port is None
    return wanted == got


def trusted_networks(value: str | Iterable[str]) -> tuple[Network, ...]:
    """`--trusted-proxies` as networks: addresses (one-address networks) or CIDR networks,
    comma- or space-separated. A word that is neither raises ValueError, which says which."""
    words = split_list(value) if isinstance(value, str) else list(value)
    nets = []
    for word in words:
        try:
            nets.append(ipaddress.ip_network(word.strip("[]"), strict=False))
        except ValueError:
            raise ValueError(f"not an address or network: {word!r}") from None
    return tuple(nets)


def _trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip.version == n.version and ip in n for n in trusted)


def client_address(peer: str, forwarded_for: str | None,
                   trusted: Sequence[Network]) -> str:
    """The address a request comes from: `peer` unless it is a trusted proxy; then the last
    address of `X-Forwarded-For` that is not one (each trusted proxy appends its own peer on
    the right, so what lies left of an untrusted address may be anything the client wrote)."""
    if not trusted or not _trusted(peer, trusted) or not forwarded_for:
        return peer
    chain = [a.strip() for a in forwarded_for.split(",") if a.strip()]
    address = peer
    for hop in reversed(chain):
        try:
            address = str(ipaddress.ip_address(hop.strip("[]")))
        except ValueError:
            return address  # garbage: stop at the last address that made sense
        if not _trusted(address, trusted):
            return address
    return address
