"""The preparation step's data: the actor register."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.core.model import Sector


class ActorKind(StrEnum):
    """The kinds of actors the method asks to have in the room (the register may add others)."""

    FORVALTNING = "forvaltning"
    FLYGTNINGE = "flygtninge"
    LOKALE_BORGERE = "lokale borgere"
    SOCIAL_FORENING = "social forening"
    SELVORGANISEREDE = "selvorganiserede frivillige"
    LOKALT_SAMRAAD = "lokalt samråd"
    IDRAETSFORENING = "idrætsforening"
    TROSSAMFUND = "trossamfund"
    VIRKSOMHED = "virksomhed"

    @property
    def key(self) -> str:
        """Its message-catalog key."""
        return "actor_kind." + self.name.lower()


@dataclass(frozen=True)
class Actor:
    """Someone to involve, from the actor register (an organisation, department or group)."""

    id: str
    name: str
    kind: str
    sector: Sector
    contact: str = ""
    remarks: str = ""
