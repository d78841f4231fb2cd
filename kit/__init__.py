"""Workshop kit: run live co-creation workshops between municipalities and civil society.

The public surface is small on purpose; everything else lives in private or step modules
(`kit.timeline`, `kit.ideas`, `kit.voting`, `kit.groups`, `kit.organisation`, `kit.ui`).
"""

from typing import TYPE_CHECKING

from kit.core.errors import KitError
from kit.core.model import Participant, Sector, WorkshopState
from kit.steps import Phase  # the registry's step names, as an enum for scripts
from kit.steps.ideas.model import Prompt
from kit.store import Store, open_store
from kit.workshop import Workshop

if TYPE_CHECKING:
    from kit.exchange import export_workshop, import_workshop

__version__ = "0.1.0"

__all__ = [
    "KitError",
    "Participant",
    "Phase",
    "Prompt",
    "Sector",
    "Store",
    "Workshop",
    "WorkshopState",
    "export_workshop",
    "import_workshop",
    "open_store",
]


def __getattr__(name: str) -> object:
    # The exchange format (and the sheet declarations of every step behind it) loads on first
    # use: every phone's kernel imports `kit` through `kit.core` and never exports anything.
    if name in ("export_workshop", "import_workshop"):
        from kit import exchange

        return getattr(exchange, name)
    raise AttributeError(f"module 'kit' has no attribute {name!r}")
