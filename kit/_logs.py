"""Log lines without query strings: the servers' logs never record a join code or a personal
code (`/?code=KT4MXP&me=…`), whoever reads the log folder later. Codes in paths
(`/overview/KT4MXP`, a guesser's 404s) are scrubbed too: the segment after a page that takes
a code, and any path segment that looks like one (six or more letters and digits with a
digit or a capital in it; the servers' own path words are lower-case words).

Used by the Voilà processes (their request log) and for nginx's error log, which nginx cannot
filter itself: it writes to a pipe and a thread here writes the filtered lines to the file.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import IO

# A query string: from "?" (or its escape %3F) to the next space, quote or end of line.
_QUERY = re.compile(r"(\?|%3[Ff])[^\s\"']*")


# The pages whose next path segment is a code (kit._voila_app's kernel-free pages).
_CODE_ROUTE = re.compile(r"(/(?:overview|needs|rsvp)/)[^/?\s\"']+", re.IGNORECASE)
_CODE_LIKE = re.compile(r"(?<=/)(?=[A-Za-z0-9_-]*[A-Z0-9])[A-Za-z0-9_-]{6,}(?=[/?\s\"']|$)")


def strip_queries(line: str) -> str:
    """The line with every query string replaced by `?…`, and codes in paths by `…`."""
    line = _QUERY.sub("?…", line)
    line = _CODE_ROUTE.sub(lambda m: m.group(1) + "…", line)
    return _CODE_LIKE.sub("…", line)


def copy_filtered(source: IO[bytes], path: Path) -> threading.Thread:
    """Copy lines from `source` (a pipe) to the file at `path` without query strings, in a
    daemon thread that ends when the pipe closes."""
    def run() -> None:
        with open(path, "a", encoding="utf-8") as out:
            for raw in source:
                out.write(strip_queries(raw.decode("utf-8", "replace")))
                out.flush()

    thread = threading.Thread(target=run, name=f"log:{path.name}", daemon=True)
    thread.start()
    return thread
