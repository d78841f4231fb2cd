"""The errors a user can cause in the friend programme's store and forms, each with a message
from the catalog: a sign-up field that is missing or not as asked (named as the form labels
it, with what is expected), consent not given, an unknown friendship, a step its status does
not allow, a pair that breaks a matching rule."""

from __future__ import annotations

from kit.core.errors import KitError
from kit.i18n import t


class FriendsInvalidField(KitError):
    """A sign-up field is missing or not as asked: `field` is its name (`friends.field.*`
    labels it), the hint (`friends.expect.*`) says what is expected."""

    key = "error.friends_field"

    def message(self, language: str | None = None) -> str:
        field = str(self.params.get("field", ""))
        return t(self.key, language, field=t(f"friends.field.{field}", language),
                 expected=t(f"friends.expect.{field}", language))


class FriendsNoConsent(KitError):
    key = "error.friends_no_consent"


class UnknownFriendship(KitError):
    key = "error.friends_unknown"


class UnknownSignUp(KitError):
    key = "error.friends_unknown_signup"


class FriendsWrongStatus(KitError):
    """A friendship cannot go from its status to the one asked (an ended one is ended)."""

    key = "error.friends_wrong_status"

    def message(self, language: str | None = None) -> str:
        return t(self.key, language,
                 current=t(f"friends.status.{self.params.get('current')}", language),
                 wanted=t(f"friends.status.{self.params.get('wanted')}", language))


class FriendsPairRefused(KitError):
    """A swap to a volunteer who shares no language, lives elsewhere, has no place left, or
    was rejected for this household before."""

    key = "error.friends_pair_refused"


__all__ = ["FriendsInvalidField", "FriendsNoConsent", "FriendsPairRefused",
           "FriendsWrongStatus", "UnknownFriendship", "UnknownSignUp"]
