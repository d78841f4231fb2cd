"""An invitation as it is sent: a Word letter per invitee (the kit's document style,
`kit.reports._docx`) and a short text to paste into an e-mail or a text message, each in
Danish and in the invitee's own language (Arabic right to left in Word too), carrying the
workshop's title, date, place and hours where known, its purpose and the invitee's RSVP link.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from typing import TYPE_CHECKING

from kit.i18n import file_name, t
from kit.steps.prepare.rsvp import DayDetails, Rsvp, letter_languages

if TYPE_CHECKING:
    from docx.document import Document

    from kit.core.model import WorkshopState
    from kit.steps.prepare.model import Actor
    from kit.workshop import Workshop


def rsvp_link(public_url: str, token: str) -> str:
    """The invitee's RSVP page on the participant server (`/rsvp/<TOKEN>`)."""
    return f"{public_url.rstrip('/')}/rsvp/{token}"


def invitation_text(state: WorkshopState, details: DayDetails, rsvp: Rsvp, link: str) -> str:
    """The short text: Danish first, then the invitee's language; short enough for a text
    message, with the facts that are known and the link on its own."""
    from kit.reports._docx import long_date

    parts = []
    for n, L in enumerate(letter_languages(rsvp.language)):
        # a date that ends in an abbreviation ("2027 р.") ends the sentence with its dot
        lines = [t("rsvp.text.head", L, title=state.title,
                   date=long_date(state.date, L)).replace("..", ".")]
        lines += [t(f"rsvp.text.{k}", L, **{k: v}) for k, v in (
            ("place", details.place), ("hours", details.hours)) if v]
        if details.purpose and n == 0:  # written in Danish: said once
            lines.append(details.purpose)
        lines += [t("rsvp.text.answer", L, link=link),
                  t("rsvp.text.from", L, municipality=state.municipality)]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _rtl(doc: Document, start: int, first_table: int) -> None:
    """Arabic's part of the letter, from the `start`-th paragraph and the `first_table`-th
    table on, reads from the right: its paragraphs and tables right to left. A paragraph
    with no right-to-left letter in it (the Danish purpose, the link, a time such as
    "17.00–20.00") stays left to right, set at the right margin: made right to left, its
    full stop would jump to its start and the two times would swap places."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    cells = [p for table in doc.tables[first_table:] for row in table.rows
             for cell in row.cells for p in cell.paragraphs]
    for paragraph in [*doc.paragraphs[start:], *cells]:
        if not any(unicodedata.bidirectional(c) in ("R", "AL") for c in paragraph.text):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            continue
        properties = paragraph._p.get_or_add_pPr()
        if properties.find(qn("w:bidi")) is None:
            properties.append(OxmlElement("w:bidi"))
        for run in paragraph.runs:
            run.font.rtl = True
    for table in doc.tables[first_table:]:
        if table._tbl.tblPr.find(qn("w:bidiVisual")) is None:
            table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))


def invitation_letter(workshop: Workshop, actor: Actor, rsvp: Rsvp, public_url: str) -> bytes:
    """The letter to one invitee (Word): per language a page with the greeting, why we
    meet, when and where, the purpose, and how to answer with the personal link."""
    from kit.reports import _docx as d

    state = workshop.state()
    details = workshop.invites.details()
    link = rsvp_link(public_url, rsvp.token)
    doc = d.new_document(state, "da", t("rsvp.heading", "da", title=state.title))
    for n, L in enumerate(letter_languages(rsvp.language)):
        if n:
            doc.add_page_break()  # type: ignore[no-untyped-call]
        start, first_table = len(doc.paragraphs), len(doc.tables)
        d.title(doc, t("rsvp.heading", L, title=state.title))
        d.paragraph(doc, t("rsvp.letter.greeting", L, name=actor.name))
        d.paragraph(doc, t("rsvp.letter.intro", L, municipality=state.municipality))
        d.heading(doc, t("rsvp.letter.when", L), 2)
        facts = [(t("rsvp.date", L), d.long_date(state.date, L))]
        facts += [(t(f"field.{k}", L), v) for k, v in (("place", details.place),
                                                        ("hours", details.hours)) if v]
        d.fields_table(doc, facts)
        if details.purpose:
            d.heading(doc, t("rsvp.letter.purpose", L), 2)
            d.lines(doc, details.purpose)
        d.heading(doc, t("rsvp.ask", L), 2)
        d.paragraph(doc, t("rsvp.letter.answer", L))
        d.paragraph(doc, link).runs[0].bold = True
        d.paragraph(doc, t("rsvp.letter.personal", L, name=actor.name), "Caption")
        d.paragraph(doc, t("rsvp.letter.regards", L)).paragraph_format.space_before = 12
        d.paragraph(doc, state.municipality).runs[0].bold = True
        if L == "ar":
            _rtl(doc, start, first_table)
    return d.to_bytes(doc)


def letters_zip(workshop: Workshop, public_url: str, language: str = "da") -> bytes:
    """Every invitee's letter in one zip (file names in the facilitator's `language`)."""
    actors = {a.id: a for a in workshop.prepare.actors()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        names: set[str] = set()
        for rsvp in workshop.invites.rsvps():
            actor = actors.get(rsvp.actor_id)
            if actor is None:
                continue
            name = file_name("invitation", language, actor.name, "docx")
            if name in names:  # two actors of one name: both letters kept
                name = file_name("invitation", language, f"{actor.name}-{rsvp.id}", "docx")
            names.add(name)
            archive.writestr(name, invitation_letter(workshop, actor, rsvp, public_url))
    return out.getvalue()


__all__ = ["invitation_letter", "invitation_text", "letters_zip", "rsvp_link"]
