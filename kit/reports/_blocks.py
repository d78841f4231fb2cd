"""The pieces a workshop report is made of: blocks (heading, paragraph, table, figure) that
each step's `report.section` returns and that are written out as Word and as HTML alike, plus
the two helpers every section uses (a figure as PNG, a finding in words)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kit.i18n import t

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kit.core.model import Finding
    from kit.workshop import Workshop


@dataclass(frozen=True)
class Block:
    kind: str  # title | h1 | p | table | figure
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    png: bytes = b""
    alt: str = ""
    """A figure's text alternative (what it shows, for screen readers); else its caption."""


Section = Callable[["Workshop", str], list[Block]]
"""A step's part of the report: the workshop and the language in, blocks out."""


def figure_html(fig: Figure) -> str:
    """A figure as an inline <img> for a widget (the console's maps and charts)."""
    import base64

    data = base64.b64encode(png_bytes(fig, dpi=80)).decode()
    return f'<img alt="" style="max-width:100%" src="data:image/png;base64,{data}">'


def png_bytes(fig: Figure, dpi: int = 110) -> bytes:
    """A matplotlib figure as PNG (for documents, the HTML report and the apps)."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def finding_text(finding: Finding, language: str) -> str:
    """A finding in words; lists of actor kinds are named, not coded."""
    from kit.model import ActorKind

    params = {k: (", ".join(t(ActorKind(x).key, language) for x in v)
                  if isinstance(v, list) else v) for k, v in finding.params.items()}
    return t(finding.key, language, **params)
