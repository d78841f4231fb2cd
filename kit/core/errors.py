"""Every error a user can cause anywhere in the kit, each with a message from the catalog in
their language; each step's own errors live in its package (`errors.py`), all of them
together in `kit.errors` for scripts and tests.

A `KitError` carries a catalog key and its parameters rather than a fixed text, so the same
error reads correctly on a Danish facilitator screen and an Arabic phone. Nothing is written to
the store when one is raised.
"""

from __future__ import annotations

import unicodedata

from kit.i18n import DEFAULT_LANGUAGE, t


class KitError(Exception):
    """Base of all expected errors. `str()` gives the Danish text; `message(lang)` any other."""

    key = "error.generic"

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message(DEFAULT_LANGUAGE))

    def message(self, language: str | None = None) -> str:
        # an error inside another (a bad row's problem) is said in the same language
        params = {k: v.message(language) if isinstance(v, KitError) else shown(v)
                  for k, v in self.params.items()}
        if isinstance(params.get("field"), str):
            params["field"] = field_label(str(params["field"]), language)
        return t(self.key, language, **params)


def shown(value: object) -> object:
    r"""A value as a message may quote it: control and format characters escaped (`\x1b`,
    `\u202e`), so a typed code or file name cannot drive a terminal or flip the text."""
    if not isinstance(value, str):
        return value
    return "".join(c if unicodedata.category(c) not in ("Cc", "Cf") or c in "\n"
                   else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
                   for c in value)


FIELD_LABELS = ("field.", "terms.", "agreement.")
"""Where a field's label is looked up, in order: errors name a field as the screens label
it ("Titel", "Formål"), never by its column ("title", "purpose")."""


def field_label(field: str, language: str | None) -> str:
    """The label people read for the field (column) `field`, in `language`."""
    from kit.i18n import catalog

    for lang in (language or DEFAULT_LANGUAGE, "en", DEFAULT_LANGUAGE):
        for prefix in FIELD_LABELS:
            label = catalog(lang).get(prefix + field)
            if isinstance(label, str) and label:  # a label never has plural forms
                return label
    return field


class UnknownWorkshop(KitError):
    key = "error.unknown_workshop"


class WorkshopClosed(KitError):
    key = "error.workshop_closed"


class ReopenTooLate(KitError):
    key = "error.reopen_too_late"


class UnknownPartnership(KitError):
    key = "error.unknown_partnership"


class PartnershipArchived(KitError):
    key = "error.partnership_archived"


class CoordinatorOnly(KitError):
    key = "error.coordinator_only"


class AgreementEndsBeforeStart(KitError):
    """The agreement's period ends before it starts (issue 27, blanks)."""

    key = "error.blanks_end_before_start"


class ReviewBeforeStart(KitError):
    """The agreement is to be reviewed before it starts."""

    key = "error.blanks_review_before_start"


class RefugeeVolunteerSector(KitError):
    """Former refugees who volunteer are civil society: the role goes with no other sector."""

    key = "error.blanks_refugee_volunteer_sector"


class InvalidTime(KitError):
    """A time of day that is not HH:MM (00:00–23:59)."""

    key = "error.blanks_invalid_time"


class WorkshopExists(KitError):
    key = "error.workshop_exists"


class PartnershipExists(KitError):
    """A partnership file whose partnership is already in this store (issue 27)."""

    key = "pexchange.error_exists"


class UnknownParticipant(KitError):
    key = "error.unknown_participant"


class InvalidSector(KitError):
    key = "error.invalid_sector"


class InvalidName(KitError):
    key = "error.invalid_name"


class InvalidText(KitError):
    key = "error.invalid_text"


class InvalidValue(KitError):
    key = "error.invalid_value"


class NotYours(KitError):
    key = "error.not_yours"


class BadRow(KitError):
    key = "error.bad_row"


class StepClosed(KitError):
    key = "error.step_closed"


class FacilitatorOnly(KitError):
    key = "error.facilitator_only"


class StoreBusy(KitError):
    key = "error.store_busy"


class StoreUnavailable(KitError):
    key = "error.store_unavailable"


class StoreFull(KitError):
    key = "error.store_full"


class ImportFailed(KitError):
    """A file to import is wrong; `params` name the sheet, row and column where known."""

    key = "error.import_failed"


class ImportMissingSheet(ImportFailed):
    key = "error.import_missing_sheet"


class ImportMissingColumn(ImportFailed):
    key = "error.import_missing_column"


class ImportBadValue(ImportFailed):
    key = "error.import_bad_value"


class ImportBadFile(ImportFailed):
    key = "error.import_bad_file"


class ImportPartnershipFile(ImportFailed):
    """A whole partnership's file given where one workshop's is read (issue 27)."""

    key = "pexchange.error_partnership_file"


class ImportCellTooLong(ImportFailed):
    key = "error.import_cell_too_long"


class NeedsNginx(KitError):
    key = "error.needs_nginx"


class InvalidWorkers(KitError):
    key = "error.invalid_workers"


class ProxyRefused(KitError):
    key = "error.proxy_refused"


class InvalidTrustedProxies(KitError):
    key = "error.invalid_trusted_proxies"


class AdminOnly(KitError):
    """A workshop created on an exposed facilitator app without the right admin secret."""

    key = "error.admin_only"


class NoAdminSecret(KitError):
    key = "error.no_admin_secret"


class WrongKey(KitError):
    """A code and facilitator key that do not open a workshop (one message for both)."""

    key = "error.wrong_key"


class TryLater(KitError):
    """Too many wrong codes or keys from this page or address: wait `seconds`."""

    key = "error.try_later"


class ImportTooBig(ImportFailed):
    """A file beyond the import limits, refused before it is parsed (`limit` says which)."""

    key = "error.import_too_big"
