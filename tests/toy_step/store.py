"""The toy's store (`workshop.toy`): each participant names a toy."""

from kit.core.base import _participant_id, bump, new_id
from kit.core.context import StepStore
from kit.core.model import Topic


class ToyStore(StepStore):
    def add(self, participant, name):
        pid = _participant_id(participant)

        def work(tx):
            toy = new_id("y")
            tx.run("INSERT INTO toys (workshop_id, id, participant_id, name) "
                   "VALUES (:w, :i, :p, :n)", {"w": self.id, "i": toy, "p": pid, "n": name})
            bump(tx, self.id, Topic.PARTICIPANTS, owner=pid)
            return toy

        return self._db.write(work)

    def names(self):
        return sorted(r["name"] for r in self._db.read(
            "SELECT name FROM toys WHERE workshop_id = :w", {"w": self.id}))
