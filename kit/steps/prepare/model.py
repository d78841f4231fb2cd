"""The preparation step's data: the actor register."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from kit.core.model import LANGUAGES, Sector


@dataclass(frozen=True)
class PrepareSettings:
    """The preparation step's settings of one workshop (the `prepare_settings` row, issue
    26): the answers to the co-creation check, as JSON ({question: yes / no / unsure};
    `PrepareStore.check_answers` reads them)."""

    check_answers: str = ""


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


def kind_key(kind: str) -> str:
    """The kind an actor is of, as stored: a kind the method names becomes its key, whether
    it was written as the key ("forvaltning"), the enum's name or the label any screen shows
    ("Kommunal forvaltning", "Municipal department"), in any case and spacing; any other
    kind stays as written."""
    return _kind_names().get(" ".join(str(kind).split()).casefold(), str(kind).strip())


@cache
def _kind_names() -> dict[str, str]:
    from kit.i18n import catalog

    names: dict[str, str] = {}
    for k in ActorKind:
        for lang in LANGUAGES:
            label = catalog(lang).get(k.key)
            if isinstance(label, str) and label:
                names[" ".join(label.split()).casefold()] = k.value
        names[k.name.casefold()] = names[k.name.casefold().replace("_", " ")] = k.value
        names[k.value.casefold()] = k.value
    return names


@dataclass(frozen=True)
class Actor:
    """Someone to involve, from the actor register (an organisation, department or group)."""

    id: str
    name: str
    kind: str
    sector: Sector
    contact: str = ""
    remarks: str = ""
    listed: bool = False
    """Agreed to be named with its contact on the public overview (`kit.pages`)."""
    refugee_background: bool = False
    """People who came as refugees and now volunteer (the reception corps): civil society,
    and counted as refugees taking part in every composition check."""

    parent_id: str | None = None
    """The organisation this actor is a branch of (an actor of the same register, itself no
    branch), or None: an organisation and its branches speak as one voice in every
    composition check (issue 27; `kit.organisation.voices`)."""
