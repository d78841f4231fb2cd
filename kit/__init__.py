"""Workshop kit: run live co-creation workshops between municipalities and civil society.

The public surface is small on purpose; everything else lives in private or step modules
(`kit.timeline`, `kit.ideas`, `kit.voting`, `kit.groups`, `kit.organisation`, `kit.ui`).
"""

from .errors import KitError
from .exchange import export_workshop, import_workshop
from .model import Participant, Phase, Prompt, Sector, WorkshopState
from .store import Store, Workshop, open_store

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
