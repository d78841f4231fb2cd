"""Small pieces every part of the store shares: codes and ids, the revision bump, cleaning."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping

from kit.core import errors
from kit.core.db import Tx
from kit.core.model import Participant, Topic
from kit.core.rows import plain

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Join codes avoid look-alikes (0/O, 1/I/L) so they can be read off a projector."""
CODE_LENGTH = 6
REJOIN_LENGTH = 8
PUBLIC_CODE_LENGTH = 12
"""The public pages' read-only code (`WorkshopState.public_code`): 31¹² ≈ 8·10¹⁷ codes, so
guessing one is hopeless even without the wait after wrong codes."""
_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

ParticipantRef = Participant | str


def new_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(6))


def normalise_code(value: object) -> str:
    """What people type, made comparable: spaces and dashes dropped, upper case. Half of a
    UTF-16 pair on its own (no code has one, and no database takes one) becomes `?`, so such
    a code is just a wrong one."""
    text = "".join(str(value or "").split()).replace("-", "").upper()
    return text.encode("utf-8", "replace").decode("utf-8")


def _participant_id(p: ParticipantRef) -> str:
    return p.id if isinstance(p, Participant) else str(p)


def bump(tx: Tx, workshop_id: str, *topics: Topic, owner: str | None = None) -> int:
    """Advance the workshop's revision inside the caller's transaction. `owner`: the one
    participant whose own rows changed (their note, card, dots), so only their phone redraws;
    None when what changed may be on anyone's screen."""
    row = tx.one("UPDATE workshops SET revision = revision + 1 WHERE id = :w RETURNING revision",
                 {"w": workshop_id})
    if row is None:
        raise errors.UnknownWorkshop(code=workshop_id)
    tx.many("INSERT INTO changes (workshop_id, revision, topic, participant_id) VALUES "
            "(:w, :r, :t, :p)", [{"w": workshop_id, "r": row["revision"], "t": t.value,
                                  "p": owner} for t in sorted(set(topics))])
    revision: int = row["revision"]
    return revision


def drop_translations(tx: Tx, workshop_id: str, item_id: str,
                      fields: tuple[str, ...] = ()) -> None:
    """Forget the translations of one item a step deletes or rewrites (all of its fields,
    or only `fields`): the translations are the core's table, shared by the steps' items."""
    only = f" AND field IN ({', '.join(f':f{n}' for n in range(len(fields)))})" if fields else ""
    tx.run(f"DELETE FROM translations WHERE workshop_id = :w AND item_id = :i{only}",
           {"w": workshop_id, "i": item_id, **{f"f{n}": f for n, f in enumerate(fields)}})


def mark_volunteer(tx: Tx, workshop_id: str, participant_id: str, volunteer: bool) -> None:
    """Whether a participant volunteers to coordinate a group: kept on the participant's
    row (the core's table), asked for and written by the groups step through here."""
    tx.run("UPDATE participants SET volunteer = :v WHERE workshop_id = :w AND id = :p",
           {"v": bool(volunteer), "w": workshop_id, "p": participant_id})


def _plain(fields: Mapping[str, object]) -> dict[str, object]:
    """Enum members as their plain values, for the database drivers."""
    return {k: plain(v) for k, v in fields.items()}


def _clean_date(value: object) -> str:
    if value in (None, ""):
        return dt.date.today().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise errors.InvalidValue(field="date", value=str(value)[:40]) from None


def same_secret(given: object, expected: str) -> bool:
    """Constant-time comparison of a typed secret, as UTF-8 bytes: `compare_digest` raises
    TypeError on a str with non-ASCII characters (`nøgle`), which must simply not match."""
    return secrets.compare_digest(str(given).encode("utf-8", "surrogatepass"),
                                  str(expected).encode("utf-8", "surrogatepass"))
