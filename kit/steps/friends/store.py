"""The friend programme in the store (`partnership.friends`): sign-ups from the public forms,
the proposals of the optimal matching and the tovholder's decisions on them, friendships
over time with their check-ins, the share that reach six months, tables for analysts; the
withdrawal and the purge of personal data some months after a friendship ends or a sign-up is
withdrawn are in `kit.steps.friends.purge` (`withdraw` and `purge` here call them).

Anyone may sign up while the partnership is active (the forms are public); everything else,
reading people's data included, needs the handle of the partnership's tovholder (its
coordinator key). A national programme is a partnership whose municipality is the country.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Any

from kit.core import errors
from kit.core.base import new_id
from kit.core.db import Database, Row, Tx
from kit.core.model import PartnershipStatus
from kit.core.rows import Table, assignments
from kit.steps.friends.dates import add_months, day_of, quarter, week_end
from kit.steps.friends.errors import (
    FriendsPairRefused,
    FriendsWrongStatus,
    UnknownFriendship,
)
from kit.steps.friends.model import (
    BUSY_STATUSES,
    CHECKIN_MONTHS,
    MAX_ANSWER,
    PURGE_AFTER_MONTHS,
    SIX_MONTHS,
    CheckIn,
    EndReason,
    Friendship,
    FriendStatus,
    Going,
    Household,
    Volunteer,
)
from kit.steps.friends.signup import clean_household, clean_volunteer, matching_languages

if TYPE_CHECKING:
    import pandas as pd

    from kit.partnership import Partnership

VOLUNTEERS: Table[Volunteer] = Table("friend_volunteers", Volunteer, owner="partnership_id")
HOUSEHOLDS: Table[Household] = Table("friend_households", Household, owner="partnership_id")
FRIENDSHIPS: Table[Friendship] = Table("friendships", Friendship, owner="partnership_id")
CHECKINS: Table[CheckIn] = Table("friend_checkins", CheckIn, owner="partnership_id")

NEXT: dict[FriendStatus, tuple[FriendStatus, ...]] = {
    FriendStatus.PROPOSED: (FriendStatus.INTRODUCED, FriendStatus.REJECTED),
    FriendStatus.INTRODUCED: (FriendStatus.ACTIVE, FriendStatus.ENDED),
    FriendStatus.ACTIVE: (FriendStatus.ENDED,),
}
"""Where a friendship may go from each status; ended and rejected are final."""


class FriendsStore:
    """The friend programme of one partnership (`partnership.friends`)."""

    def __init__(self, partnership: Partnership) -> None:
        self.partnership = partnership

    @property
    def _db(self) -> Database:
        return self.partnership.store.db

    @property
    def _p(self) -> str:
        return self.partnership.id

    def __repr__(self) -> str:
        return f"<FriendsStore partnership={self._p}>"

    # -- sign-ups (anyone, while the partnership is active) -----------------------------
    def _active(self, tx: Tx) -> None:
        row = tx.one("SELECT status FROM partnerships WHERE id = :p", {"p": self._p})
        if row is None:
            raise errors.UnknownPartnership()
        if row["status"] != PartnershipStatus.ACTIVE.value:
            raise errors.PartnershipArchived()

    def sign_up_volunteer(self, *, today: dt.date | None = None, **fields: Any) -> str:
        """A volunteer friend's sign-up (the fields of `signup.clean_volunteer`: name,
        contact, organisation, municipality, postcode, languages, danish_level, kind,
        capacity, interests, availability, consent, consent_text); returns its id.
        Bad input raises a `KitError` and nothing is stored."""
        clean = clean_volunteer(**fields, today=today or dt.date.today())
        return self._insert(VOLUNTEERS, clean, new_id("v"))

    def sign_up_household(self, *, today: dt.date | None = None, **fields: Any) -> str:
        """A refugee household's sign-up (the fields of `signup.clean_household`); it joins
        the waiting list from today (or `waiting_since`). Returns its id."""
        clean = clean_household(**fields, today=today or dt.date.today())
        return self._insert(HOUSEHOLDS, clean, new_id("h"))

    def _insert(self, table: Table[Any], item: Any, item_id: str) -> str:
        def work(tx: Tx) -> str:
            self._active(tx)
            values = table.values(item, self._p, id=item_id, created_at=time.time())
            tx.run(table.insert(), values)
            return item_id

        return self._db.write(work)

    # -- the tovholder's reading ----------------------------------------------------------
    def _read(self, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
        """Rows of people's data: the tovholder's only (the key checked by a plain read, so
        a console's many reads take no write lock)."""
        from kit.core.base import same_secret

        found = self._db.read("SELECT coordinator_key FROM partnerships WHERE id = :p",
                              {"p": self._p})
        if not found:
            raise errors.UnknownPartnership()
        key = self.partnership.coordinator_key
        if key is None or not same_secret(key, found[0]["coordinator_key"]):
            raise errors.CoordinatorOnly()
        return self._db.read(sql, {"p": self._p, **(params or {})})

    def volunteers(self, organisation: str | None = None,
                   withdrawn: bool = False) -> list[Volunteer]:
        """The volunteers signed up (one organisation's, if given), oldest first."""
        sql = "SELECT * FROM friend_volunteers WHERE partnership_id = :p"
        if organisation is not None:
            sql += " AND organisation = :o"
        if not withdrawn:
            sql += " AND withdrawn_at IS NULL"
        rows = self._read(sql + " ORDER BY created_at, id", {"o": organisation})
        return [VOLUNTEERS.load(r) for r in rows]

    def households(self, withdrawn: bool = False) -> list[Household]:
        sql = "SELECT * FROM friend_households WHERE partnership_id = :p"
        if not withdrawn:
            sql += " AND withdrawn_at IS NULL"
        return [HOUSEHOLDS.load(r) for r in self._read(sql + " ORDER BY created_at, id")]

    def waiting(self) -> list[Household]:
        """The households still waiting for a friend: signed up, not withdrawn, and never
        introduced to one (a proposal not yet accepted leaves them waiting)."""
        taken = {f.refugee_id for f in self.friendships()
                 if f.status not in (FriendStatus.PROPOSED, FriendStatus.REJECTED)}
        return sorted((h for h in self.households() if h.id not in taken),
                      key=lambda h: (h.waiting_since, h.created_at, h.id))

    def friendships(self, status: FriendStatus | str | None = None) -> list[Friendship]:
        """Every pair from proposal on (of one status, if given), oldest first."""
        sql = "SELECT * FROM friendships WHERE partnership_id = :p"
        if status is not None:
            sql += " AND status = :s"
        rows = self._read(sql + " ORDER BY proposed_on, id",
                          {"s": FriendStatus(status).value if status else None})
        return [FRIENDSHIPS.load(r) for r in rows]

    def proposals(self) -> list[Friendship]:
        return self.friendships(FriendStatus.PROPOSED)

    def friendship(self, friendship_id: str) -> Friendship:
        rows = self._read("SELECT * FROM friendships WHERE partnership_id = :p AND id = :f",
                          {"f": str(friendship_id)[:40]})
        if not rows:
            raise UnknownFriendship()
        return FRIENDSHIPS.load(rows[0])

    # -- matching ------------------------------------------------------------------------
    def frames(self, language: str = "da") -> dict[str, pd.DataFrame]:
        """Tables for analysts and for `kit.friends.match`/`gap`, with no names and no
        contacts: `waiting` and `volunteers` (free places only, in `match`'s columns, the
        volunteers with their organisation), `friendships` and `checkins` (the answers'
        choices, not their words)."""
        import pandas as pd

        from kit.i18n import t

        def interests(codes: str) -> str:
            return ",".join(t(f"friends.interest.{c}", language) for c in codes.split(",")
                            if c)

        pairs = self.friendships()
        taken = {f.refugee_id for f in pairs
                 if f.status not in (FriendStatus.PROPOSED, FriendStatus.REJECTED)}
        busy: dict[str, int] = {}
        for f in pairs:
            if f.status in BUSY_STATUSES:
                busy[f.volunteer_id] = busy.get(f.volunteer_id, 0) + 1
        waiting = pd.DataFrame(
            [(h.id, h.municipality, matching_languages(h.languages, h.danish_level),
              h.adults, h.children, interests(h.interests), h.waiting_since, h.postcode)
             for h in self.households() if h.id not in taken],
            columns=["id", "municipality", "languages", "adults", "children", "interests",
                     "waiting_since", "postcode"])
        volunteers = pd.DataFrame(
            [(v.id, v.municipality, matching_languages(v.languages, v.danish_level),
              v.kind.value, v.capacity - busy.get(v.id, 0), interests(v.interests),
              v.organisation, v.postcode)
             for v in self.volunteers() if v.capacity - busy.get(v.id, 0) > 0],
            columns=["id", "municipality", "languages", "kind", "capacity", "interests",
                     "organisation", "postcode"])
        friendships = pd.DataFrame(
            [{k: v for k, v in vars(f).items() if k != "reasons"} | {"status": f.status.value}
             for f in pairs],
            columns=[c for c in FRIENDSHIPS.columns if c != "reasons"])
        checkins = pd.DataFrame(
            [(c.friendship_id, c.month, c.due, c.done_on, c.household_going,
              c.volunteer_going) for c in self.checkins()],
            columns=["friendship_id", "month", "due", "done_on", "household_going",
                     "volunteer_going"])
        return {"waiting": waiting, "volunteers": volunteers, "friendships": friendships,
                "checkins": checkins}

    def propose(self, *, same_municipality: bool = True, language: str = "da",
                today: dt.date | None = None) -> list[Friendship]:
        """The optimal proposals for everyone waiting, from the volunteers' free places
        (`kit.friends.match`), never a pair rejected before; they replace the proposals not
        yet decided. Returns them, with their reasons in `language`."""
        from kit.steps.friends.logic import match

        today = today or dt.date.today()
        tables = self.frames(language)
        rejected = [(f.refugee_id, f.volunteer_id)
                    for f in self.friendships(FriendStatus.REJECTED)]
        pairs = match(tables["waiting"], tables["volunteers"], exclude=rejected,
                      same_municipality=same_municipality, language=language, today=today)
        where = dict(zip(tables["waiting"]["id"], tables["waiting"]["municipality"],
                         strict=True))
        made = [Friendship(new_id("f"), str(h), str(v), where[h], FriendStatus.PROPOSED,
                           int(n), str(why), today.isoformat())
                for h, v, n, why in zip(pairs["refugee_id"], pairs["volunteer_id"],
                                        pairs["score"], pairs["reasons"], strict=True)]

        def work(tx: Tx) -> None:
            self.partnership.check_key(tx)
            tx.run("DELETE FROM friendships WHERE partnership_id = :p AND status = :s",
                   {"p": self._p, "s": FriendStatus.PROPOSED.value})
            tx.many(FRIENDSHIPS.insert(), [FRIENDSHIPS.values(f, self._p) for f in made])

        self._db.write(work)
        return made

    # -- the tovholder's decisions ----------------------------------------------------------
    def _move(self, friendship_id: str, wanted: FriendStatus, changes: dict[str, Any],
              extra: Any = None) -> Friendship:
        def work(tx: Tx) -> None:
            self.partnership.check_key(tx)
            row = tx.one("SELECT * FROM friendships WHERE partnership_id = :p AND id = :f",
                         {"p": self._p, "f": str(friendship_id)[:40]})
            if row is None:
                raise UnknownFriendship()
            current = FriendStatus(row["status"])
            if wanted not in NEXT.get(current, ()):
                raise FriendsWrongStatus(current=current.value, wanted=wanted.value)
            tx.run(f"UPDATE friendships SET {assignments(['status', *changes])} "
                   "WHERE partnership_id = :p AND id = :f",
                   {**changes, "status": wanted.value, "p": self._p, "f": row["id"]})
            if extra is not None:
                extra(tx, row)

        self._db.write(work)
        return self.friendship(friendship_id)

    def accept(self, friendship_id: str, first_meeting: str = "",
               today: dt.date | None = None) -> Friendship:
        """Accept a proposal: the pair is introduced (the first meeting agreed, if known)."""
        from kit.core.validate import clean_text

        meeting = clean_text(first_meeting, field="first_meeting", max_length=200,
                             required=False)
        day = (today or dt.date.today()).isoformat()
        return self._move(friendship_id, FriendStatus.INTRODUCED,
                          {"introduced_on": day, "first_meeting": meeting})

    def reject(self, friendship_id: str) -> Friendship:
        """Reject a proposal: the pair is kept as rejected and never proposed again."""
        return self._move(friendship_id, FriendStatus.REJECTED, {})

    def swap(self, friendship_id: str, volunteer_id: str, language: str = "da",
             today: dt.date | None = None) -> Friendship:
        """Give a proposal another volunteer: one with a free place (counting the other
        proposals), a shared language, in the household's municipality, never rejected for
        this household. The reasons are written anew."""
        from kit.steps.friends.logic import read_volunteers, read_waiting, reasons

        today = today or dt.date.today()
        pair = self.friendship(friendship_id)
        if pair.status != FriendStatus.PROPOSED:
            raise FriendsWrongStatus(current=pair.status.value,
                                     wanted=FriendStatus.PROPOSED.value)
        tables = self.frames(language)
        volunteers, waiting = tables["volunteers"], tables["waiting"]
        others = sum(1 for f in self.proposals()
                     if f.volunteer_id == volunteer_id and f.id != pair.id)
        refused = any((f.refugee_id, f.volunteer_id) == (pair.refugee_id, volunteer_id)
                      for f in self.friendships(FriendStatus.REJECTED))
        v_rows = read_volunteers(volunteers[volunteers["id"] == volunteer_id])
        h_rows = read_waiting(waiting[waiting["id"] == pair.refugee_id], today)
        if refused or v_rows.empty or h_rows.empty:
            raise FriendsPairRefused()
        v: dict[str, Any] = {str(k): x for k, x in v_rows.iloc[0].to_dict().items()}
        h: dict[str, Any] = {str(k): x for k, x in h_rows.iloc[0].to_dict().items()}
        if (not v["languages"] & h["languages"] or v["municipality"] != h["municipality"]
                or v["capacity"] <= others):
            raise FriendsPairRefused()
        from kit.steps.friends.solver import pair_score

        score = pair_score(h["interests"], int(h["children"]), v["interests"], v["kind"])

        def work(tx: Tx) -> None:
            self.partnership.check_key(tx)
            tx.run("UPDATE friendships SET volunteer_id = :v, score = :n, reasons = :r "
                   "WHERE partnership_id = :p AND id = :f AND status = :s",
                   {"v": volunteer_id, "n": score, "r": reasons(h, v, language),
                    "p": self._p, "f": pair.id, "s": FriendStatus.PROPOSED.value})

        self._db.write(work)
        return self.friendship(pair.id)

    def set_status(self, friendship_id: str, status: FriendStatus | str,
                   reason: EndReason | str | None = None,
                   on: dt.date | str | None = None) -> Friendship:
        """Move an accepted friendship on: to active once the pair has met (its check-ins
        at one, three and six months are due from `on`), or to ended with a `reason`."""
        wanted = FriendStatus(status)
        day = day_of(on, "date") if on is not None else dt.date.today()
        if wanted == FriendStatus.ACTIVE:
            def schedule(tx: Tx, row: Row) -> None:
                tx.many(CHECKINS.insert(), [CHECKINS.values(
                    CheckIn(row["id"], m, add_months(day, m).isoformat()), self._p)
                    for m in CHECKIN_MONTHS])

            return self._move(friendship_id, wanted, {"active_on": day.isoformat()},
                              schedule)
        if wanted == FriendStatus.ENDED:
            try:
                why = EndReason(str(reason))
            except ValueError:
                raise errors.InvalidValue(field="end_reason", value=str(reason)[:40]) \
                    from None
            return self._move(friendship_id, wanted,
                              {"ended_on": day.isoformat(), "end_reason": why.value})
        if wanted == FriendStatus.INTRODUCED:
            return self.accept(friendship_id, today=day)
        return self.reject(friendship_id)

    # -- check-ins ------------------------------------------------------------------------
    def checkins(self, friendship_id: str | None = None) -> list[CheckIn]:
        sql = "SELECT * FROM friend_checkins WHERE partnership_id = :p"
        if friendship_id is not None:
            sql += " AND friendship_id = :f"
        rows = self._read(sql + " ORDER BY due, friendship_id, month", {"f": friendship_id})
        return [CHECKINS.load(r) for r in rows]

    def due_checkins(self, week: object = None) -> list[CheckIn]:
        """The check-ins not done by the end of `week` (an ISO week such as "2027-W05" or
        a date in it; this week by default), overdue ones included, of active friendships."""
        end = week_end(week if week is not None else dt.date.today()).isoformat()
        active = {f.id for f in self.friendships(FriendStatus.ACTIVE)}
        return [c for c in self.checkins()
                if not c.done_on and c.due <= end and c.friendship_id in active]

    def record_checkin(self, friendship_id: str, month: int, *,
                       household_going: Going | str, volunteer_going: Going | str,
                       household_words: str = "", volunteer_words: str = "",
                       on: dt.date | str | None = None) -> CheckIn:
        """Both sides' short answers at a check-in; it is done."""
        from kit.core.validate import clean_text

        values = {"hg": Going(str(household_going)).value if str(household_going) in
                  Going._value2member_map_ else None,
                  "vg": Going(str(volunteer_going)).value if str(volunteer_going) in
                  Going._value2member_map_ else None}
        for key, given in (("hg", household_going), ("vg", volunteer_going)):
            if values[key] is None:
                raise errors.InvalidValue(field="going", value=str(given)[:40])
        values["hw"] = clean_text(household_words, field="words", max_length=MAX_ANSWER,
                                  required=False)
        values["vw"] = clean_text(volunteer_words, field="words", max_length=MAX_ANSWER,
                                  required=False)
        values["d"] = (day_of(on, "date") if on is not None else dt.date.today()).isoformat()

        def work(tx: Tx) -> None:
            self.partnership.check_key(tx)
            found = tx.one("SELECT month FROM friend_checkins WHERE partnership_id = :p AND "
                           "friendship_id = :f AND month = :m",
                           {"p": self._p, "f": str(friendship_id)[:40], "m": month})
            if found is None:
                raise UnknownFriendship()
            tx.run("UPDATE friend_checkins SET done_on = :d, household_going = :hg, "
                   "household_words = :hw, volunteer_going = :vg, volunteer_words = :vw "
                   "WHERE partnership_id = :p AND friendship_id = :f AND month = :m",
                   {**values, "p": self._p, "f": friendship_id, "m": month})

        self._db.write(work)
        return next(c for c in self.checkins(friendship_id) if c.month == month)

    # -- follow-up --------------------------------------------------------------------------
    def six_month_share(self, today: dt.date | None = None) -> pd.DataFrame:
        """Per municipality and quarter (of becoming active): `started` friendships,
        `decided` (six months passed, or ended before), `reached` six months, and `share`
        = reached / decided (NaN while none is decided)."""
        import pandas as pd

        today = today or dt.date.today()
        rows = []
        for f in self.friendships():
            if not f.active_on:
                continue
            six = add_months(dt.date.fromisoformat(f.active_on), SIX_MONTHS)
            ended = dt.date.fromisoformat(f.ended_on) if f.ended_on else None
            reached = (ended or today) >= six
            rows.append((f.municipality, quarter(f.active_on), 1,
                         int(reached or ended is not None), int(reached)))
        frame = pd.DataFrame(rows, columns=["municipality", "quarter", "started", "decided",
                                            "reached"])
        out = frame.groupby(["municipality", "quarter"], as_index=False).sum()
        out["share"] = out["reached"] / out["decided"].where(out["decided"] > 0)
        return out.sort_values(["municipality", "quarter"]).reset_index(drop=True)

    def gap(self, today: dt.date | None = None) -> pd.DataFrame:
        """`kit.friends.gap` for this programme: per municipality, counts only."""
        from kit.steps.friends.gap import gap

        tables = self.frames()
        active = tables["friendships"]
        active = active[active["status"] == FriendStatus.ACTIVE.value]
        return gap(tables["waiting"], tables["volunteers"], active, today=today)

    # -- withdrawal and purge (`kit.steps.friends.purge`) ---------------------------------
    def withdraw(self, signup_id: str, on: dt.date | str | None = None) -> None:
        """A volunteer or a household leaves (now, or on the day `on`): off the lists and
        the proposals at once, their data deleted at the purge `PURGE_AFTER_MONTHS` later."""
        from kit.steps.friends.purge import withdraw

        withdraw(self.partnership, signup_id, on)

    def purge(self, months: int = PURGE_AFTER_MONTHS, today: dt.date | None = None,
              scrub: bool = True) -> dict[str, int]:
        """Delete the personal data of everyone who withdrew, or whose friendship ended,
        more than `months` months ago (`kit.steps.friends.purge.purge`); returns how many
        volunteers and households were deleted."""
        from kit.steps.friends.purge import purge

        return purge(self.partnership, months, today, scrub)
