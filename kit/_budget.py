"""The kernel budget of `kit serve`: how many pages may hold a kernel, and which may sleep.

Why: every participant page is a kernel of ~60 MiB that lives until it has been idle for
`--cull-after` seconds after its browser left, so a phone left reloading (or a prank on the
venue Wi-Fi) could take the laptop down. Three limits, all in the participant server:

- at most `--max-kernels` kernels at once (the warm ones of `--preheat` included);
- at most `--max-pages-per-address` pages started per client address within `--cull-after`
  seconds (the kernels a reloading phone leaves behind live that long);
- a page whose phone never joins asks, after `--join-idle-after` seconds without a keystroke,
  to be put to sleep: it says so on the phone ("reload to join") and the server stops its
  kernel within seconds, long before the cull of a joined phone's kernel.

The server side lives in `kit._voila_app`; this module is what both sides share: the page
shown when a limit is reached, and the sleep request a kernel leaves in the server's private
run folder (no Voilà import here, so a kernel pays nothing for it).
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Iterable
from pathlib import Path

from kit.i18n import t

# What one phone adds to the server's process tree in PSS through a workshop: measured after
# joining by bench/fork_kernels.py (2026-12-06: 43.0 MiB per ordinary kernel, 25.1 forked),
# plus the ~2 MiB a phone's kernel grows by the last step (bench/phone_cost.py) and a little.
PHONE_MIB = 46
PHONE_MIB_FORKED = 28
RESERVE_MIB = 1024  # the servers, the board's and the console's kernels, and slack
UNCLAIMED_AFTER = 600.0  # seconds before a request no server's kernel claims is dropped
ASLEEP = "asleep"  # run folder subdirectory: one empty file per kernel that asks to sleep
BUSY_LANGUAGES = ("da", "en", "uk", "ar")


def kernel_id() -> str:
    """This kernel's id ("" outside a kernel): its connection file is kernel-<id>.json."""
    try:
        from ipykernel.connect import get_connection_file

        name = Path(get_connection_file()).stem
    except Exception:  # noqa: BLE001 - not in a kernel (tests, scripts)
        return ""
    return name.removeprefix("kernel-") if name.startswith("kernel-") else ""


def ask_to_sleep() -> bool:
    """Ask the server this kernel runs under to stop it (True if the request was left)."""
    run, kid = os.environ.get("KIT_RUN_DIR"), kernel_id()
    if not run or not kid:
        return False
    folder = Path(run) / ASLEEP
    try:
        folder.mkdir(exist_ok=True)
        (folder / kid).touch()
    except OSError:
        return False
    return True


def asleep(run_dir: str | Path) -> set[str]:
    """Kernel ids that asked to sleep."""
    try:
        return {p.name for p in (Path(run_dir) / ASLEEP).iterdir()}
    except OSError:
        return set()


def claim(run_dir: str | Path, running: Iterable[str],
          unclaimed_after: float = UNCLAIMED_AFTER) -> set[str]:
    """The sleep requests of the kernels in `running` (this server's), taken out of the folder.

    Every server of one `kit serve` shares the run folder (the facilitator's and, with
    `--workers`, several participant servers), so a server takes only its own kernels'
    requests: taking another's would lose it. A request nobody takes (its kernel was culled
    meanwhile) is dropped after `unclaimed_after` seconds."""
    mine = set(running)
    claimed = set()
    for kid in asleep(run_dir):
        if kid in mine:
            forget(run_dir, kid)
            claimed.add(kid)
        else:
            forget(run_dir, kid, older_than=unclaimed_after)
    return claimed


def forget(run_dir: str | Path, kid: str, older_than: float = 0.0) -> None:
    """Drop a kernel's sleep request (only if it is older than `older_than` seconds)."""
    path = Path(run_dir) / ASLEEP / kid
    try:
        if older_than and time.time() - path.stat().st_mtime < older_than:
            return
        path.unlink()
    except OSError:
        pass


def busy_page(reason: str) -> str:
    """The page a phone gets instead of a kernel: in every participant language, since the
    kernel that would know the phone's language is exactly what is not started."""
    parts = []
    for lang in BUSY_LANGUAGES:
        direction = ' dir="rtl"' if lang == "ar" else ""
        parts.append(f"<p lang=\"{lang}\"{direction}>"
                     f"{html.escape(t(f'participant.busy_{reason}', lang))}</p>")
    return ("<!doctype html><html><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"refresh\" content=\"60\"><title>…</title>"
            "<style>body{font:20px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:32rem;"
            "padding:0 1rem}</style></head><body>" + "".join(parts) + "</body></html>")


def available_memory() -> int:
    """Bytes the machine can give new processes now (Linux's MemAvailable: free memory plus
    caches it can drop), or 0 when it cannot tell."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def room_for_phones(available: int, forked: bool) -> int:
    """How many phone kernels fit in `available` bytes, after a reserve for everything else
    and a tenth kept free (at least 10: a machine that cannot hold ten phones cannot hold a
    workshop, and the cap then says so sooner than the out-of-memory killer would)."""
    per = (PHONE_MIB_FORKED if forked else PHONE_MIB) * 1024 * 1024
    usable = 0.9 * (available - RESERVE_MIB * 1024 * 1024)
    return max(10, int(usable // per))
