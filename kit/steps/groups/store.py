"""Working groups in the store: preferences and coordinator volunteers from the phones; forming,
moving, confirming and describing groups, the actors they invite and their follow-up actions
(facilitator). How people are put in groups is `kit.groups` (pure); this module only reads
what it needs and writes what it decided, each write one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from kit.core import errors
from kit.core.base import (
    ParticipantRef,
    _clean_date,
    _participant_id,
    bump,
    drop_translations,
    mark_volunteer,
    new_id,
)
from kit.core.context import StepStore
from kit.core.db import Row, Tx
from kit.core.model import MAX_NAME, MAX_TERMS, MAX_TITLE, Participant, Status, Topic
from kit.core.rows import Settings, Table, assignments
from kit.core.validate import clean_choice, clean_text
from kit.errors import UnknownActor
from kit.model import Theme
from kit.steps.groups import topics
from kit.steps.groups.errors import (
    DuplicateRank,
    NoGroups,
    NoGroupThemes,
    NotAGroupTheme,
    NotInGroup,
    PreferencesClosed,
    UnknownAction,
    UnknownGroup,
)
from kit.steps.groups.meeting import clean_meeting
from kit.steps.groups.model import (
    MAX_PREFERENCE,
    TERMS,
    Action,
    ActionStatus,
    Group,
    GroupSettings,
    GroupStatus,
    Role,
    groups_stand,
)

if TYPE_CHECKING:
    from kit.steps.groups.logic import Assignment

GROUP_FIELDS: dict[str, int] = {"name": MAX_TITLE, **dict.fromkeys(TERMS, MAX_TERMS),
                                "meeting_frequency": MAX_NAME, "first_meeting": MAX_NAME}
"""Text fields of a group a facilitator may edit, with their longest allowed length."""


# A group's members and invited actors are the rows of `memberships` and `invitations`.
GROUPS: Table[Group] = Table("groups", Group, not_stored=("members", "invited"))
ACTIONS: Table[Action] = Table("actions", Action)
SETTINGS: Settings[GroupSettings] = Settings("group_settings", GroupSettings)


def clean_ranks(ranks: dict[str, int]) -> dict[str, int]:
    """Preferences as {theme_id: rank}: 1..MAX_PREFERENCE each used once, 0 for "not this one"."""
    out: dict[str, int] = {}
    for theme_id, rank in dict(ranks).items():
        if rank is None:
            continue
        if isinstance(rank, bool) or not isinstance(rank, int) or not 0 <= rank <= MAX_PREFERENCE:
            raise errors.InvalidValue(field="rank", value=str(rank)[:20])
        out[str(theme_id)] = rank
    used = [r for r in out.values() if r > 0]
    for rank in used:
        if used.count(rank) > 1:
            raise DuplicateRank(rank=rank)
    return out


class GroupsStore(StepStore):
    """Working groups, preferences and follow-up actions, in the store (`workshop.groups`);
    calling it lists the groups."""

    def themes_in_use(self, tx: Tx) -> set[str]:
        """The themes that have wishes or a group: the theme board keeps them
        (`RestsOnThemes`)."""
        return {r["theme_id"] for r in tx.rows(
            "SELECT theme_id FROM preferences WHERE workshop_id = :w UNION "
            "SELECT theme_id FROM groups WHERE workshop_id = :w AND theme_id IS NOT NULL",
            {"w": self.id})}

    # -- reading --------------------------------------------------------------------------
    def group_themes(self) -> list[Theme]:
        """The themes groups are formed for: the chosen ones, else the candidates."""
        themes = self.workshop.ideas.themes()
        return [th for th in themes if th.chosen] or [th for th in themes if th.selected]

    @overload
    def preferences(self, participant: None = None) -> list[Row]: ...
    @overload
    def preferences(self, participant: ParticipantRef) -> dict[str, int]: ...

    def preferences(self, participant: ParticipantRef | None = None) -> dict[str, int] | list[Row]:
        """One participant's {theme_id: rank}; without a participant, every preference row."""
        if participant is None:
            return self._db.read("SELECT participant_id, theme_id, rank FROM preferences WHERE "
                                 "workshop_id = :w ORDER BY participant_id, theme_id",
                                 {"w": self.id})
        rows = self._db.read("SELECT theme_id, rank FROM preferences WHERE workshop_id = :w "
                             "AND participant_id = :p",
                             {"w": self.id, "p": _participant_id(participant)})
        return {r["theme_id"]: r["rank"] for r in rows}

    def preference_givers(self) -> int:
        """How many participants have given preferences."""
        rows = self._db.read("SELECT COUNT(DISTINCT participant_id) AS n FROM preferences "
                             "WHERE workshop_id = :w AND rank > 0", {"w": self.id})
        return int(rows[0]["n"])

    def __call__(self) -> list[Group]:
        """Every group with its members: `workshop.groups()` (the one way to list them)."""
        q = {"w": self.id}
        rows = self._db.read("SELECT * FROM groups WHERE workshop_id = :w ORDER BY name, id", q)
        members: dict[str, list[str]] = {}
        for r in self._db.read("SELECT m.group_id, m.participant_id FROM memberships m JOIN "
                               "participants p ON p.workshop_id = m.workshop_id AND p.id = "
                               "m.participant_id WHERE m.workshop_id = :w ORDER BY p.name, p.id",
                               q):
            members.setdefault(r["group_id"], []).append(r["participant_id"])
        invited: dict[str, list[str]] = {}
        for r in self._db.read("SELECT group_id, actor_id FROM invitations WHERE "
                               "workshop_id = :w ORDER BY actor_id", q):
            invited.setdefault(r["group_id"], []).append(r["actor_id"])
        return [GROUPS.load(r, members=tuple(members.get(r["id"], ())),
                            invited=tuple(invited.get(r["id"], ()))) for r in rows]

    def group(self, group_id: str) -> Group:
        for group in self():
            if group.id == group_id:
                return group
        raise UnknownGroup()

    def my_group(self, participant: ParticipantRef) -> Group | None:
        """The participant's group, once the facilitator has confirmed the groups or the
        workshop has moved past the groups step (where the groups stand as they are)."""
        if not groups_stand(self.workshop.state()):
            return None
        pid = _participant_id(participant)
        return next((g for g in self() if pid in g.members), None)

    def actions(self, group_id: str | None = None) -> list[Action]:
        sql = "SELECT * FROM actions WHERE workshop_id = :w"
        if group_id is not None:
            sql += " AND group_id = :g"
        rows = self._db.read(sql + " ORDER BY due, id", {"w": self.id, "g": group_id})
        return [ACTIONS.load(r) for r in rows]

    def proposal(self) -> Assignment:
        """How the stored groups meet the preferences and the rules (for the facilitator's view)."""
        from kit.steps.groups.logic import evaluate

        state = self.workshop.state()
        people, preferences, membership, themes = self.grouping_inputs()
        return evaluate(people, preferences, membership, state.group_min_size,
                        state.group_max_size, themes=themes,
                        volunteers=[p.id for p in self.workshop.participants() if p.volunteer])

    def grouping_inputs(self) -> tuple[Any, Any, dict[str, str], list[str]]:
        import pandas as pd

        # a group carried over from the workshop before has no theme here: it is manned
        # by hand, outside the preferences and the forming rules
        groups = [g for g in self() if not g.carried]
        themes = [g.theme_id for g in groups if g.theme_id is not None] or [
            th.id for th in self.group_themes()]
        people = pd.DataFrame([{"id": p.id, "sector": p.sector.value}
                               for p in self.workshop.participants()], columns=["id", "sector"])
        preferences = pd.DataFrame(self.preferences(),
                                   columns=["participant_id", "theme_id", "rank"])
        membership = {pid: g.theme_id for g in groups for pid in g.members
                      if g.theme_id is not None}
        return people, preferences, membership, themes

    # -- participant actions --------------------------------------------------------------
    def set_preferences(self, participant: ParticipantRef, ranks: dict[str, int],
                   volunteer: bool | None = None) -> None:
        """Replace a participant's preferences ({theme_id: rank}, 0 = "not this one") and, when
        given, whether they volunteer as coordinator; only until the groups are confirmed."""
        pid = _participant_id(participant)
        ranks = clean_ranks(ranks)

        def work(tx: Tx) -> None:
            head = tx.one("SELECT status, phase FROM workshops WHERE id = :w", {"w": self.id})
            if head is None:
                raise errors.UnknownWorkshop(code=self.code)
            if head["status"] != Status.OPEN:
                raise errors.WorkshopClosed(code=self.code)
            if head["phase"] != "groups":
                raise errors.StepClosed()
            if self.ctx.settings(SETTINGS, tx).groups_confirmed:
                raise PreferencesClosed()
            if tx.one("SELECT id FROM participants WHERE workshop_id = :w AND id = :p",
                      {"w": self.id, "p": pid}) is None:
                raise errors.UnknownParticipant()
            themes = self.workshop.ideas.themes(tx)
            allowed = ({th.id for th in themes if th.chosen} or
                       {th.id for th in themes if th.selected})
            if set(ranks) - allowed:
                raise NotAGroupTheme()
            tx.run("DELETE FROM preferences WHERE workshop_id = :w AND participant_id = :p",
                   {"w": self.id, "p": pid})
            tx.many("INSERT INTO preferences (workshop_id, participant_id, theme_id, rank) "
                    "VALUES (:w, :p, :t, :r)",
                    [{"w": self.id, "p": pid, "t": t, "r": r} for t, r in ranks.items()])
            changed = [topics.PREFERENCES]
            if volunteer is not None:
                mark_volunteer(tx, self.id, pid, bool(volunteer))
                changed.append(Topic.PARTICIPANTS)
            bump(tx, self.id, *changed, owner=pid)

        self._db.write(work)

    # -- facilitator: forming groups ------------------------------------------------------
    def _require_facilitator(self) -> None:
        self.ctx.require_facilitator()

    def configure_groups(self, min_size: int, max_size: int) -> None:
        for name, value in (("min_size", min_size), ("max_size", max_size)):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 500:
                raise errors.InvalidValue(field=name, value=str(value)[:20])
        if min_size > max_size:
            raise errors.InvalidValue(field="min_size", value=f"{min_size} > {max_size}")
        self.ctx.set_settings(SETTINGS, {"group_min_size": min_size, "group_max_size": max_size},
                              Topic.WORKSHOP, topics.GROUPS)

    def form_groups(self, time_limit: float = 30.0) -> Assignment:
        """Propose groups for the group themes from the preferences (optimal; `kit.groups.assign`)
        and store them unconfirmed. Terms of reference already written are kept."""
        import pandas as pd

        from kit.steps.groups.logic import assign, terms_of_reference

        self._require_facilitator()
        state = self.workshop.state()
        themes = self.group_themes()
        if not themes:
            raise NoGroupThemes()
        people = self.workshop.participants()
        result = assign(pd.DataFrame([{"id": p.id, "sector": p.sector.value} for p in people],
                                     columns=["id", "sector"]),
                        pd.DataFrame(self.preferences(), columns=["participant_id", "theme_id",
                                                             "rank"]),
                        state.group_min_size, state.group_max_size,
                        themes=[th.id for th in themes],
                        volunteers=[p.id for p in people if p.volunteer], time_limit=time_limit)
        ideas = self.workshop.ideas()
        placed = dict(zip(result.frame["participant_id"], result.frame["theme_id"],
                          strict=True))

        def work(tx: Tx) -> None:
            q = {"w": self.id}
            existing = {r["theme_id"]: r for r in tx.rows(
                "SELECT * FROM groups WHERE workshop_id = :w AND carried = :f",
                {**q, "f": False})}
            by_theme: dict[str, str] = {}
            for th in themes:
                if th.id in existing:
                    by_theme[th.id] = existing[th.id]["id"]
                    continue
                terms = terms_of_reference(th, [i.text for i in ideas if i.theme_id == th.id],
                                           state.language)
                group = Group(id=new_id("g"), theme_id=th.id, name=th.label[:MAX_TITLE])
                tx.run(GROUPS.insert(), {**GROUPS.values(group, self.id), **terms})
                by_theme[th.id] = group.id
            for theme_id, row in existing.items():
                if theme_id not in by_theme and not tx.one(
                        "SELECT 1 AS x FROM actions WHERE workshop_id = :w AND group_id = :g",
                        {**q, "g": row["id"]}):
                    for table in ("groups", "invitations"):
                        column = "id" if table == "groups" else "group_id"
                        tx.run(f"DELETE FROM {table} WHERE workshop_id = :w AND "
                               f"{column} = :g", {**q, "g": row["id"]})
            coordinators = {r["id"]: r["coordinator_id"] for r in tx.rows(
                "SELECT id, coordinator_id FROM groups WHERE workshop_id = :w", q)}
            tx.run("DELETE FROM memberships WHERE workshop_id = :w", q)
            rows = []
            for pid, theme_id in placed.items():
                group_id = by_theme[theme_id]
                role = Role.COORDINATOR if coordinators.get(group_id) == pid else Role.MEMBER
                rows.append({**q, "g": group_id, "p": pid, "r": role.value})
            tx.many("INSERT INTO memberships (workshop_id, group_id, participant_id, role) "
                    "VALUES (:w, :g, :p, :r)", rows)
            kept = {(r["g"], r["p"]) for r in rows}
            for group_id, pid in coordinators.items():
                if pid is not None and (group_id, pid) not in kept:
                    tx.run("UPDATE groups SET coordinator_id = NULL WHERE workshop_id = :w AND "
                           "id = :g", {**q, "g": group_id})
            tx.run(SETTINGS.upsert("groups_confirmed"), {**q, "groups_confirmed": False})

        self.ctx.as_facilitator(work, topics.GROUPS, Topic.WORKSHOP)
        return result

    def _group_row(self, tx: Tx, group_id: str) -> Row:
        return self.ctx.row(tx, "groups", group_id, UnknownGroup)

    def _group_write(self, work: Any) -> None:
        self.ctx.as_facilitator(work, topics.GROUPS)

    def move_member(self, participant: ParticipantRef, group_id: str) -> None:
        """Put a participant in another group (each person is in one group)."""
        pid = _participant_id(participant)

        def work(tx: Tx) -> None:
            self._group_row(tx, group_id)
            q = {"w": self.id, "p": pid, "g": str(group_id)}
            if tx.one("SELECT id FROM participants WHERE workshop_id = :w AND id = :p",
                      q) is None:
                raise errors.UnknownParticipant()
            tx.run("UPDATE groups SET coordinator_id = NULL WHERE workshop_id = :w AND "
                   "coordinator_id = :p AND id <> :g", q)
            tx.run("DELETE FROM memberships WHERE workshop_id = :w AND participant_id = :p "
                   "AND group_id <> :g", q)
            if tx.one("SELECT 1 AS x FROM memberships WHERE workshop_id = :w AND "
                      "participant_id = :p AND group_id = :g", q) is None:
                tx.run("INSERT INTO memberships (workshop_id, group_id, participant_id, role) "
                       "VALUES (:w, :g, :p, :r)", {**q, "r": Role.MEMBER.value})

        self._group_write(work)

    def confirm_groups(self, confirmed: bool = True) -> None:
        """Make the groups final (participants then see theirs) or open them again."""
        def work(tx: Tx) -> None:
            if confirmed and tx.one("SELECT 1 AS x FROM groups WHERE workshop_id = :w",
                                    {"w": self.id}) is None:
                raise NoGroups()
            tx.run(SETTINGS.upsert("groups_confirmed"),
                   {"w": self.id, "groups_confirmed": bool(confirmed)})

        self.ctx.as_facilitator(work, topics.GROUPS, Topic.WORKSHOP)

    # -- facilitator: describing a group --------------------------------------------------
    def set_coordinator(self, group_id: str, participant: ParticipantRef | None) -> None:
        """The group's coordinator (tovholder), one of its members; None clears it."""
        pid = None if participant is None else _participant_id(participant)

        def work(tx: Tx) -> None:
            self._group_row(tx, group_id)
            q = {"w": self.id, "g": str(group_id), "p": pid}
            if pid is not None and tx.one(
                    "SELECT 1 AS x FROM memberships WHERE workshop_id = :w AND group_id = :g "
                    "AND participant_id = :p", q) is None:
                raise NotInGroup()
            tx.run("UPDATE groups SET coordinator_id = :p WHERE workshop_id = :w AND id = :g", q)
            tx.run("UPDATE memberships SET role = :r WHERE workshop_id = :w AND group_id = :g",
                   {**q, "r": Role.MEMBER.value})
            if pid is not None:
                tx.run("UPDATE memberships SET role = :r WHERE workshop_id = :w AND "
                       "group_id = :g AND participant_id = :p",
                       {**q, "r": Role.COORDINATOR.value})

        self._group_write(work)

    def update_group(self, group_id: str, status: GroupStatus | str | None = None,
                     **fields: str) -> None:
        """Edit a group's name, terms of reference (`TERMS`), meeting frequency, first
        meeting or status; fields not given stay as they are."""
        unknown = set(fields) - set(GROUP_FIELDS)
        if unknown:
            raise errors.InvalidValue(field="field", value=sorted(unknown)[0][:20])
        clean = {k: clean_text(v, field=k, max_length=GROUP_FIELDS[k], multiline=k in TERMS,
                               required=k == "name") for k, v in fields.items()}
        if status is not None:
            clean["status"] = clean_choice(status, GroupStatus, field="status").value

        def work(tx: Tx) -> None:
            self._group_row(tx, group_id)
            if clean:
                tx.run(f"UPDATE groups SET {assignments(clean)} WHERE workshop_id = :w AND id = :g",
                       {**clean, "w": self.id, "g": str(group_id)})

        self._group_write(work)

    def set_first_meeting(self, group_id: str, date: str | None = None,
                          time: str | None = None, place: str | None = None) -> None:
        """The group's first meeting as facts: an ISO date, a time (HH:MM) and a place; ""
        clears one, None keeps it. Once a date is given the free text older workshops
        wrote (`first_meeting`) is cleared: the facts replace it."""
        clean = clean_meeting(date, time, place)
        if clean.get("first_meeting_date"):
            clean["first_meeting"] = ""

        def work(tx: Tx) -> None:
            self._group_row(tx, group_id)
            if clean:
                tx.run(f"UPDATE groups SET {assignments(clean)} WHERE workshop_id = :w AND id = :g",
                       {**clean, "w": self.id, "g": str(group_id)})
            if "first_meeting" in clean:  # its translations go with it
                drop_translations(tx, self.id, str(group_id), ("first_meeting",))

        self._group_write(work)

    def invite(self, group_id: str, actor_ids: list[str]) -> None:
        """The actors from the register this group will invite (replaces the list)."""
        wanted = list(dict.fromkeys(str(a) for a in actor_ids))

        def work(tx: Tx) -> None:
            self._group_row(tx, group_id)
            q = {"w": self.id, "g": str(group_id)}
            if set(wanted) - self.workshop.prepare.actor_ids(tx):
                raise UnknownActor()
            tx.run("DELETE FROM invitations WHERE workshop_id = :w AND group_id = :g", q)
            tx.many("INSERT INTO invitations (workshop_id, group_id, actor_id) VALUES "
                    "(:w, :g, :a)", [{**q, "a": a} for a in wanted])

        self._group_write(work)

    # -- follow-up ------------------------------------------------------------------------
    def add_action(self, group_id: str, title: str, owner: str = "", due: str | None = None,
                   status: ActionStatus | str = ActionStatus.OPEN) -> Action:
        action = Action(new_id("x"), str(group_id),
                        clean_text(title, field="title", max_length=MAX_TITLE),
                        clean_text(owner, field="owner", max_length=MAX_TITLE, required=False),
                        None if due in (None, "") else _clean_date(due),
                        clean_choice(status, ActionStatus, field="status"))

        def work(tx: Tx) -> None:
            self._group_row(tx, group_id)
            tx.run(ACTIONS.insert(), ACTIONS.values(action, self.id))

        self._group_write(work)
        return action

    def update_action(self, action_id: str, title: str | None = None,
                      owner: str | None = None, due: str | None = None,
                      status: ActionStatus | str | None = None) -> None:
        """Change an action; `due=""` clears the date, None leaves it."""
        clean: dict[str, Any] = {}
        if title is not None:
            clean["title"] = clean_text(title, field="title", max_length=MAX_TITLE)
        if owner is not None:
            clean["owner"] = clean_text(owner, field="owner", max_length=MAX_TITLE,
                                        required=False)
        if due is not None:
            clean["due"] = None if due == "" else _clean_date(due)
        if status is not None:
            clean["status"] = clean_choice(status, ActionStatus, field="status").value

        def work(tx: Tx) -> None:
            q = {"w": self.id, "a": str(action_id)}
            if tx.one("SELECT 1 AS x FROM actions WHERE workshop_id = :w AND id = :a",
                      q) is None:
                raise UnknownAction()
            if clean:
                tx.run(f"UPDATE actions SET {assignments(clean)} WHERE workshop_id = :w AND "
                       "id = :a", {**q, **clean})

        self._group_write(work)

    def delete_action(self, action_id: str) -> None:
        def work(tx: Tx) -> None:
            q = {"w": self.id, "a": str(action_id)}
            if tx.one("SELECT 1 AS x FROM actions WHERE workshop_id = :w AND id = :a",
                      q) is None:
                raise UnknownAction()
            tx.run("DELETE FROM actions WHERE workshop_id = :w AND id = :a", q)

        self._group_write(work)

    def delete_group(self, group_id: str) -> None:
        """Remove a group with its memberships, invitations and follow-up actions: a group
        left over from themes chosen before (forming keeps a group that has actions), or
        one the facilitator does not want. Its members are then in no group."""
        def work(tx: Tx) -> None:
            self._group_row(tx, group_id)
            q = {"w": self.id, "g": str(group_id)}
            tx.run("DELETE FROM memberships WHERE workshop_id = :w AND group_id = :g", q)
            tx.run("DELETE FROM invitations WHERE workshop_id = :w AND group_id = :g", q)
            tx.run("DELETE FROM actions WHERE workshop_id = :w AND group_id = :g", q)
            tx.run("DELETE FROM groups WHERE workshop_id = :w AND id = :g", q)

        self._group_write(work)

    def coordinator(self, group: Group) -> Participant | None:
        if group.coordinator_id is None:
            return None
        return self.workshop.participant(group.coordinator_id)
