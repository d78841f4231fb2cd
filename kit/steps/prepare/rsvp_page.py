"""The RSVP page an invitee opens from their letter or text (`/rsvp/<TOKEN>` on the
participant server, kernel-free as the other plain pages of `kit.pages`): the workshop's
title, date, place, hours and purpose, and three big buttons (yes / no / maybe) in the
invitee's language, with the others to switch to. The answer can be changed until the
workshop closes. Served by `kit._pages_app.RsvpPage`; everything typed by a person escaped.
"""

from __future__ import annotations

from html import escape

from kit.i18n import t
from kit.pages import _languages, page
from kit.steps.prepare.rsvp import DayDetails, Reply, Rsvp

STYLE = """
.rsvp .facts{margin:.4rem 0 1rem;padding:.6rem .8rem;border-inline-start:4px solid #2b5fab;
background:#f6f8fb;border-radius:4px}.rsvp .facts p{margin:.15rem 0}
.rsvp .purpose{white-space:pre-line}
.rsvp form{display:grid;gap:.7rem;margin:1rem 0}
.rsvp button{width:100%;min-height:64px;font-size:1.35rem;font-weight:700;border-radius:12px;
border:3px solid transparent;color:#fff;cursor:pointer}
.rsvp button.yes{background:#1e7a3c}.rsvp button.no{background:#a11d2b}
.rsvp button.maybe{background:#8a5a00}
.rsvp button[aria-pressed=true]{border-color:#1d1d1d;box-shadow:0 0 0 3px #fff inset}
.rsvp button[aria-pressed=true]::after{content:" ✓"}
.notice{background:#eef0f4;border-inline-start:4px solid #555;padding:.55rem .75rem;
border-radius:4px}
.thanks{color:#0f5323;background:#e6f4ea;border-inline-start:4px solid #1e7a3c;
padding:.55rem .75rem;border-radius:4px;font-weight:600}
"""


def rsvp_html(title: str, date: str, details: DayDetails, rsvp: Rsvp, language: str,
              path: str, xsrf: str, message: str = "", thanks: bool = False,
              is_open: bool = True) -> str:
    """The invitee's page: what, when, where and why; the current answer pressed; after an
    answer (`thanks`) a thank-you first under the title; a refusal (`message`) likewise.
    A closed workshop shows no buttons, only that answers are no longer taken."""
    from kit.reports._docx import long_date

    L = language
    facts = [f"<p><b>{escape(t('rsvp.date', L))}:</b> <bdi>{escape(long_date(date, L))}</bdi>"
             "</p>"]
    for key, value in (("field.place", details.place), ("field.hours", details.hours)):
        if value:
            facts.append(f"<p><b>{escape(t(key, L))}:</b> <bdi>{escape(value)}</bdi></p>")
    purpose = (f"<h2>{escape(t('rsvp.letter.purpose', L))}</h2>"
               f'<p class="purpose" dir="auto">{escape(details.purpose)}</p>'
               if details.purpose else "")
    status = ""
    if message:
        status = f'<p class="error" role="alert">{escape(message)}</p>'
    elif thanks:
        status = f'<p class="thanks" role="status">{escape(t("rsvp.thanks", L))}</p>'
    current = ""
    if rsvp.answer in Reply._value2member_map_:
        current = (f"<p><b>{escape(t('rsvp.current', L, answer=t(Reply(rsvp.answer).key, L)))}"
                   "</b></p>")
    if is_open:
        buttons = "".join(
            f'<button class="{r.value}" name="answer" value="{r.value}" '
            f'aria-pressed="{"true" if rsvp.answer == r.value else "false"}">'
            f"{escape(t(r.key, L))}</button>" for r in Reply)
        action = (f"<h2>{escape(t('rsvp.ask', L))}</h2>"
                  f'<form method="post" action="{escape(path)}?lang={L}">{xsrf}{buttons}</form>'
                  f'<p class="muted">{escape(t("rsvp.change", L))}</p>')
    else:
        # not an error: the day is over, which the invitee did nothing wrong to cause
        action = f'<p class="notice" role="status">{escape(t("rsvp.closed", L))}</p>'
    body = (_languages(path, L) + '<main class="rsvp">'
            f"<h1>{heading(title, L)}</h1>{status}"
            f'<div class="facts">{"".join(facts)}</div>{purpose}{current}{action}'
            f'<p class="muted">{escape(t("rsvp.private", L))}</p></main>')
    return page(t("rsvp.title", L, title=title), body, L, STYLE)


def heading(title: str, language: str) -> str:
    """"You are invited to «title»" with the title isolated (`<bdi>`), so a Danish title
    keeps its words and quotes in place inside an Arabic sentence."""
    before, _, after = t("rsvp.heading", language, title="\x00").partition("\x00")
    return f"{escape(before)}<bdi>{escape(title)}</bdi>{escape(after)}"


__all__ = ["heading", "rsvp_html"]
