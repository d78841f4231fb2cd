"""Around the workshop: who to involve (the actor register), whether co-creation fits at all
(a short check), and how the collaboration is organised afterwards (fora and their
representation). Pure: plain data in, plain data out; no widgets, no SQL.

Findings and reasons are catalog keys with parameters, so every screen and document says
them in its own language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from kit.core.model import Finding, Sector
from kit.i18n import t
from kit.steps.prepare.model import Actor, ActorKind, kind_key

MUNICIPAL_SHARE = (1 / 3, 2 / 3)
"""A register (or room) is balanced while the municipality holds between a third and two
thirds of the municipal and civil-society actors."""


def kind_label(kind: str, language: str) -> str:
    """A kind of actor in `language` (one the method's list lacks as typed, capitalised)."""
    try:
        return t(ActorKind(kind).key, language)
    except ValueError:  # a kind of actor the method's list lacks: shown as typed, capitalised
        return kind[:1].upper() + kind[1:]


@dataclass(frozen=True)
class RegisterOverview:
    by_kind: dict[str, int]
    by_sector: dict[Sector, int]
    missing_kinds: list[ActorKind]
    municipal_share: float | None
    refugees_represented: bool
    departments: list[str]
    findings: list[Finding]
    refugee_volunteers: int = 0
    """Actors of people who came as refugees and now volunteer: counted in civil society
    (their sector) and as refugees taking part."""


def organisation_id(actor: Actor) -> str:
    """The id of the organisation an actor speaks for: its own, or the one it is a branch
    of (one level deep, as the store keeps it)."""
    return actor.parent_id or actor.id


def voices(actors: Iterable[Actor]) -> list[Actor]:
    """One actor per organisation, in order: the organisation itself where it is among
    `actors`, else its first branch. An organisation with six branches is one voice, not
    seven, in every composition check (Assens: six branches of one organisation spoke as
    one). Whether any of them came as refugees who volunteer is kept on the voice."""
    chosen: dict[str, Actor] = {}
    background: set[str] = set()
    for a in actors:
        org = organisation_id(a)
        if a.refugee_background:
            background.add(org)
        if org not in chosen or a.id == org:
            chosen[org] = a
    return [replace(a, refugee_background=True) if org in background else a
            for org, a in chosen.items()]


def one_voice(members: Iterable[str], actors: Iterable[Actor]) -> list[str]:
    """Member keys (`actor:<id>`, `participant:<id>`) with one actor per organisation: a
    branch whose organisation (or another of its branches) is already a member adds no
    voice."""
    org = {f"actor:{a.id}": organisation_id(a) for a in actors}
    seen: set[str] = set()
    out = []
    for m in members:
        if m in org:
            if org[m] in seen:
                continue
            seen.add(org[m])
        out.append(m)
    return out


def grouped(actors: Iterable[Actor]) -> list[tuple[Actor, list[Actor]]]:
    """The register as it is shown: each organisation with its branches under it, in the
    register's order; a branch whose organisation is not among `actors` stands alone."""
    actors = list(actors)
    ids = {a.id for a in actors}
    out: dict[str, tuple[Actor, list[Actor]]] = {}
    for a in actors:
        if not (a.parent_id and a.parent_id in ids):
            out[a.id] = (a, [])
    for a in actors:
        if a.parent_id and a.parent_id in out:
            out[a.parent_id][1].append(a)
    return list(out.values())


def same_organisation(a: str, b: str) -> bool:
    """Whether two typed names are the same organisation (case and spacing aside)."""
    return bool(a.strip()) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def refugee_background(organisation: str, actors: Iterable[Actor]) -> bool:
    """Whether someone from `organisation` came as a refugee and volunteers: their
    organisation is an actor of the register marked so (the reception corps). The phones ask
    no one about their background; the register, kept by the facilitator, says it of an
    organisation."""
    return any(a.refugee_background and same_organisation(organisation, a.name)
               for a in actors)


def register_overview(actors: Iterable[Actor],
                      participant_sectors: Iterable[str] = ()) -> RegisterOverview:
    """What the register says about who is (not yet) involved, counting an organisation
    with its branches as one voice (`voices`). People in the room count towards refugees
    being represented, and so do actors of former refugees who volunteer (counted in civil
    society too)."""
    actors = voices(actors)
    # an actor stored before kinds were keyed may carry a shown label ("Trossamfund")
    by_kind = Counter(kind_key(a.kind) for a in actors)
    by_sector = Counter(a.sector for a in actors)
    missing = [k for k in ActorKind if by_kind.get(k.value, 0) == 0]
    k, c = by_sector.get(Sector.KOMMUNE, 0), by_sector.get(Sector.CIVILSAMFUND, 0)
    share = k / (k + c) if k + c else None
    refugees = (by_sector.get(Sector.FLYGTNING, 0) > 0 or
                by_kind.get(ActorKind.FLYGTNINGE.value, 0) > 0 or
                any(a.refugee_background for a in actors) or
                Sector.FLYGTNING.value in {str(s) for s in participant_sectors})
    departments = sorted(a.name for a in actors if a.sector == Sector.KOMMUNE)
    findings = []
    if not actors:
        findings.append(Finding("register.empty"))
    else:
        if missing:
            findings.append(Finding("register.missing_kinds", {"kinds": missing}))
        if share is not None and not MUNICIPAL_SHARE[0] <= share <= MUNICIPAL_SHARE[1]:
            findings.append(Finding("register.municipal_heavy" if share > MUNICIPAL_SHARE[1]
                                    else "register.civil_heavy",
                                    {"kommune": k, "civilsamfund": c}))
        if not refugees:
            findings.append(Finding("register.no_refugees"))
        if len(departments) < 2:
            findings.append(Finding("register.few_departments", {"n": len(departments)}))
    return RegisterOverview(dict(by_kind), dict(by_sector), missing, share, refugees,
                            departments, findings,
                            sum(a.refugee_background for a in actors))


# -- does co-creation fit? -----------------------------------------------------------------
class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


FOR = ("new_solutions", "across_sectors", "equal_dialogue", "open_to_all", "room_to_try")
"""Signs that co-creation fits (each a question `check.<key>` in the catalog)."""
AGAINST = ("final_responsibility", "established_activity", "no_mandate")
"""Signs that it does not: any one of them answered yes outweighs the rest."""
QUESTIONS = FOR + AGAINST


class CoCreationFit(StrEnum):
    """The check's conclusion: how well co-creation fits this collaboration (or that not
    every question is answered yet)."""

    FITS = "fits"
    PARTLY = "partly"
    NOT_NOW = "not_now"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class Recommendation:
    fit: CoCreationFit
    reasons: list[str]
    """Catalog keys explaining the fit: `check.reason.<question>` for an answer that counts
    against co-creation, `check.clarify.<question>` for one answered "not sure"."""


def recommend(answers: Mapping[str, Answer | str]) -> Recommendation:
    """The check's recommendation with its reasons. A "yes" to any sign against decides;
    otherwise co-creation fits when at least four of the five signs for it are a "yes"."""
    given = {k: Answer(v) for k, v in answers.items() if k in QUESTIONS and v}
    unanswered = [q for q in QUESTIONS if q not in given]
    against = [q for q in AGAINST if given.get(q) is Answer.YES]
    if against:
        return Recommendation(CoCreationFit.NOT_NOW, [f"check.reason.{q}" for q in against])
    if unanswered:
        return Recommendation(CoCreationFit.INCOMPLETE, [f"check.{q}" for q in unanswered])
    missing = [q for q in FOR if given[q] is not Answer.YES]
    unsure = [q for q in AGAINST if given[q] is Answer.UNSURE]
    # A "no" gives the reason it states; a "not sure" is something to find out, never a
    # "no" (a "not sure" to room to try is not "there is no room to experiment").
    reasons = [f"check.reason.{q}" if given[q] is Answer.NO else f"check.clarify.{q}"
               for q in missing] + [f"check.clarify.{q}" for q in unsure]
    if len(missing) <= 1 and not unsure:
        return Recommendation(CoCreationFit.FITS, reasons)
    return Recommendation(CoCreationFit.PARTLY, reasons)


def fit_heading(rec: Recommendation) -> str:
    """The catalog key of the recommendation's headline: a fit with something to watch or
    find out says so, rather than "fits well" above a reason that seems to deny it."""
    if rec.fit is CoCreationFit.FITS and rec.reasons:
        return "check.fit.fits_but"
    return f"check.fit.{rec.fit.value}"
