"""Plain HTML pages the participant server answers without starting a kernel: the living
activity overview (`/overview/<CODE>`), its printable poster with a QR code
(`/overview/<CODE>?poster=1`) and the standalone needs check (`/needs/<CODE>`).

They are read by people who never join a workshop — new arrivals, caseworkers, volunteers,
a class at the language school — so each is one small page in four languages, built here as
a string from the store and served by the Tornado handlers of `kit._pages_app`. Every text
that came from a person is escaped. They open by the workshop's public code
(`Workshop.public_code`), read-only and long enough that guessing is hopeless, never by the
join code: that one opens the board and lets one join, so it must not hang on a poster.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from kit.core import errors
from kit.core.areas import area_html, area_name, pictogram
from kit.core.base import CODE_ALPHABET, CODE_LENGTH, PUBLIC_CODE_LENGTH, normalise_code
from kit.core.model import LANGUAGES, LAST_WEEK, RTL_LANGUAGES, Category, PartnershipStatus
from kit.i18n import t
from kit.model import MAX_NEED_TEXT, Question, Respondent

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from kit.model import Card
    from kit.store import Store
    from kit.workshop import Workshop

_CODE = re.compile(f"[{CODE_ALPHABET}]{{{PUBLIC_CODE_LENGTH}}}")

STYLE = """
body{font-family:system-ui,sans-serif;max-width:48rem;margin:auto;padding:1rem;
line-height:1.45;color:#1d1d1d}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:1.6rem;border-bottom:2px solid #2b5fab}
.names{color:#555;font-size:.95rem}.offer{margin:.5rem 0 .9rem}.muted{color:#555}
.langs a{margin-inline-end:.8rem}label{display:inline-block;margin:.2rem .8rem .2rem 0;
min-height:48px}input[type=checkbox],input[type=radio]{width:1.4rem;height:1.4rem;
vertical-align:middle}
textarea{width:100%;font-size:16px;font-family:inherit}button{font-size:1.1rem;padding:.7rem 1.4rem;
min-height:48px}fieldset{margin:1rem 0;border:1px solid #bbb}
.error{color:#8a0019;background:#fdecee;border-inline-start:4px solid #b00020;
padding:.55rem .75rem;border-radius:4px}.again{display:inline-block;margin-top:.6rem;
padding:.7rem 1.2rem;min-height:48px;box-sizing:border-box;border:2px solid #2b5fab;
border-radius:8px;text-decoration:none;font-weight:600}
.needs fieldset{border:1px solid #c9d3e0;border-radius:8px;padding:.6rem .8rem .9rem;
background:#f6f8fb}.needs legend{font-size:1.1rem;padding:0 .3rem}
.needs .areas{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));
gap:.45rem;margin:.3rem 0 .7rem}.needs .areas label{display:flex;align-items:center;
gap:.45rem;margin:0;padding:.45rem .6rem;border:2px solid #c9d3e0;border-radius:8px;
background:#fff;cursor:pointer;min-height:48px;box-sizing:border-box}
.needs .areas label:has(input:checked){border-color:#2b5fab;background:#e3ecfa}
.needs .areas input{flex:none;margin:0}.needs .kit-pictogram{flex:none}
.needs .who{grid-template-columns:1fr}
.needs textarea{box-sizing:border-box;border:1px solid #c9d3e0;border-radius:6px;padding:.4rem}
.needs button{background:#2b5fab;color:#fff;border:0;border-radius:8px;width:100%;
font-weight:600}
.kit-area{display:inline-flex;align-items:center;gap:.35rem}
.poster{text-align:center}.poster>svg{width:45%;max-width:18rem;height:auto}
.poster h1{font-size:1.45rem;margin:.35rem 0}.poster p{margin:.3rem 0}
.tiles{display:grid;grid-template-columns:repeat(3,1fr);gap:.5rem;margin-top:1rem}
.tile{border:1px solid #c9d3e0;border-radius:8px;padding:.4rem .5rem;
color:#444;display:flex;flex-direction:column;font-size:.9rem}
.tile .kit-area{font-size:1rem;font-weight:600;color:#1d1d1d}
.tile .count{font-size:1.4rem;color:#2b5fab;line-height:1.2}
@media print{.langs,.noprint{display:none}body{max-width:none}}
"""


def workshop_for(store: Store, code: str) -> Workshop:
    """The latest workshop (open or closed) of the active partnership whose public code this
    is; `PartnershipArchived` for an archived partnership's code (its reader is told so);
    anything else (a join code, an id, a code that is not one) raises `UnknownWorkshop`."""
    clean = normalise_code(code)
    if not _CODE.fullmatch(clean):
        raise errors.UnknownWorkshop(code=clean[:20])
    try:
        return store.public_page_workshop(clean)
    except errors.UnknownWorkshop:
        # the right code of an archived partnership is no guess: say why the page is shut
        # (looked up only after a miss, which the pages slow down)
        if any(p.public_code == clean and p.status == PartnershipStatus.ARCHIVED
               for p in store.partnerships()):
            raise errors.PartnershipArchived() from None
        raise


def looks_like_join_code(code: str) -> bool:
    """A code of a join code's length: an address from before the public pages had codes of
    their own (an old printed poster). Said so to every such code alike, whether a workshop
    holds it or not, so the answer tells a guesser nothing."""
    return len(normalise_code(code)) == CODE_LENGTH


def language_of(value: object) -> str:
    return str(value) if value in LANGUAGES else "da"


def page(title: str, body: str, language: str, style: str = "") -> str:
    """A whole page in the reader's language and direction; `style`: a page's own rules
    after the shared ones (the RSVP page's buttons)."""
    direction = ' dir="rtl"' if language in RTL_LANGUAGES else ""
    return (f'<!doctype html><html lang="{escape(language)}"{direction}><head>'
            '<meta charset="utf-8"><meta name="viewport" content="width=device-width,'
            f'initial-scale=1"><title>{escape(title)}</title><style>{STYLE}{style}</style>'
            f"</head><body>{body}</body></html>")


def _languages(path: str, current: str, extra: str = "") -> str:
    links = "".join(f'<a href="{escape(path)}?lang={x}{extra}" lang="{x}">'
                    f'{escape(t("language.name", x))}</a>' for x in LANGUAGES if x != current)
    return f'<nav class="langs">{links}</nav>'


# -- the living overview ---------------------------------------------------------------
def weeks_text(card: Card, language: str) -> str:
    """When an offer matters, in weeks around arrival as a reader says it (week 0 = arrival)."""
    start, end = card.start_week, card.end_week
    if end < 0:
        return t("offers.before", language, start=-start, end=-end)
    if start < 0:
        return t("offers.around", language, start=-start, end=end)
    if end >= LAST_WEEK:
        return t("offers.ongoing", language, start=start)
    return t("offers.weeks", language, start=start, end=end)


def current_offers(workshop: Workshop) -> dict[Category, list[Card]]:
    """The offers still running, by area (in `Category`'s order), earliest first."""
    out: dict[Category, list[Card]] = {}
    for card in workshop.timeline.cards():  # ordered by start and end week
        if not card.retired:
            out.setdefault(card.category, []).append(card)
    return {c: out[c] for c in Category if c in out}


def overview_html(workshop: Workshop, language: str, path: str) -> str:
    """Every current offer by area and by weeks after arrival, with who runs it and how to
    reach them (the actor register's contact, where the owner is a registered actor that
    agreed to be listed); each
    area also named in the other three languages, for a reader between languages."""
    L = language
    state = workshop.state()
    # only the actors who agreed to be listed: the register is the facilitator's, not public
    contacts = {a.name.casefold(): a.contact for a in workshop.prepare.actors()
                if a.contact and a.listed}
    parts = [_languages(path, L),
             f"<h1>{escape(t('offers.title', L, municipality=state.municipality))}</h1>",
             f'<p class="muted">{escape(t("offers.intro", L))}</p>']
    offers = current_offers(workshop)
    if not offers:
        parts.append(f"<p>{escape(t('offers.none', L))}</p>")
    for category, cards in offers.items():
        others = " · ".join(escape(area_name(category, x)) for x in LANGUAGES if x != L)
        parts.append(f'<h2 id="{escape(category.value)}">{area_html(category, L)}</h2>'
                     f'<div class="names">{others}</div>')
        for card in cards:
            contact = contacts.get(card.owner.casefold(), "")
            line = escape(t("offers.contact", L, contact=contact)) if contact else ""
            parts.append(
                f'<div class="offer"><b dir="auto">{escape(card.title)}</b><br>'
                f'<bdi>{escape(card.owner)}</bdi> · <bdi>{escape(weeks_text(card, L))}</bdi>'
                + (f'<br><span dir="auto">{escape(card.description)}</span>'
                   if card.description else "")
                + (f'<br><span dir="auto">{line}</span>' if line else "") + "</div>")
    parts.append(f'<p class="noprint"><a href="{escape(path)}?lang={L}&amp;poster=1">'
                 f"{escape(t('offers.poster', L))}</a></p>")
    return page(t("offers.title", L, municipality=state.municipality), "".join(parts), L)


def poster_html(workshop: Workshop, language: str, url: str) -> str:
    """A page to print and hang up: the title in all four languages, a QR code to the
    overview, and how many offers each area has today."""
    import segno  # as kit.ui.parts.qr_svg, without loading the widgets

    state = workshop.state()
    titles = "".join(f'<h1 lang="{x}" dir="auto">'
                     f"{escape(t('offers.title', x, municipality=state.municipality))}</h1>"
                     for x in LANGUAGES)
    qr = str(segno.make(url, error="m").svg_inline(scale=8, border=2, omitsize=True))
    scan = "".join(f'<p lang="{x}" dir="auto">{escape(t("offers.scan", x))}</p>'
                   for x in LANGUAGES)
    # per area: its pictogram, today's count and its name in every language, since the
    # poster hangs where people of every language pass
    tiles = "".join(
        f'<div class="tile">{area_html(c, language)}<b class="count">'
        f'{escape(t("offers.count", language, count=len(cards)))}</b>'
        + "".join(f'<span lang="{x}" dir="auto">{escape(area_name(c, x))}</span>'
                  for x in LANGUAGES if x != language)
        + "</div>"
        for c, cards in current_offers(workshop).items())
    # printed with the code in groups of four, for whoever types it from the wall (the
    # address takes the dashes; the QR code carries it plain)
    head, _, code = url.rpartition("/")
    shown = f"{head}/{grouped(code)}" if _CODE.fullmatch(code) else url
    body = (f'<div class="poster">{titles}{qr}<p><b dir="ltr">{escape(shown)}</b></p>{scan}'
            f'</div><div class="tiles">{tiles}</div>')
    return page(t("offers.poster", language), body, language)


def grouped(code: str) -> str:
    """A public code as people read and type it: `BKYP-UBAK-K26X`."""
    return "-".join(code[n:n + 4] for n in range(0, len(code), 4))


# -- the standalone needs check --------------------------------------------------------
def needs_form_html(workshop: Workshop, language: str, path: str, xsrf: str,
                    message: str = "", picks: Mapping[str, Sequence[str]] | None = None,
                    texts: Mapping[str, str] | None = None, respondent: str = "") -> str:
    """The needs check as a plain form: who is answering (a refugee, staff or a volunteer:
    a kind, never a name), then per question the nine areas to tick and a few words if one
    likes. After a refusal (`message`) the form shows again with what was chosen, ticked
    and written (`picks`, `texts`, `respondent`: as `needs_from_form` and
    `respondent_from_form` read them), so nobody has to start over."""
    L = language
    picks, texts = picks or {}, texts or {}
    kinds = "".join(f'<label><input type="radio" name="{RESPONDENT_FIELD}" '
                    f'value="{escape(k.value)}"{" checked" if k.value == respondent else ""}>'
                    f" <span>{escape(t(k.key, L))}</span></label>"
                    for k in Respondent if k != Respondent.UNSAID)
    fields = [f'<fieldset class="respondent"><legend><b>{escape(t("rounds.who", L))}</b>'
              f'</legend><div class="areas who">{kinds}</div><p class="muted">'
              f'{escape(t("rounds.who_hint", L))}</p></fieldset>']
    for q in Question:
        ticked = set(picks.get(q.value, ()))
        boxes = "".join(f'<label><input type="checkbox" name="{q.field}" '
                        f'value="{escape(c.value)}"{" checked" if c.value in ticked else ""}>'
                        f" {_box_label(c, L)}</label>" for c in Category)
        fields.append(f'<fieldset class="question"><legend><b>{escape(t(q.key, L))}</b>'
                      f'</legend><div class="areas">{boxes}</div>'
                      f'<textarea name="{q.field}_text" maxlength="{MAX_NEED_TEXT}" '
                      f'rows="2" dir="auto" '
                      f'placeholder="{escape(t("needs.text_placeholder", L))}">'
                      f"{escape(texts.get(q.value, '')[:MAX_NEED_TEXT])}</textarea></fieldset>")
    error = (f'<p class="error" role="alert">{escape(message)}</p>' if message else "")
    # a refusal first under the title: the page opens at the top after a post
    body = (_languages(path, L) + f"<h1>{escape(t('needs.title', L))}</h1>{error}"
            f"<p>{escape(t('needs.intro', L))}</p><p class=\"muted\">"
            f"{escape(t('needs.anonymous', L))}</p>"
            f'<form class="needs" method="post" action="{escape(path)}?lang={L}">{xsrf}'
            f'{"".join(fields)}'
            f"<button>{escape(t('needs.send', L))}</button></form>")
    del workshop  # the form is the same for every workshop; the code is in the path
    return page(t("needs.title", L), body, L)


RESPONDENT_FIELD = "hvem"
"""The name of the form's who-is-answering choice (ASCII, as `Question.field`)."""


def respondent_from_form(arguments: Mapping[str, list[bytes]]) -> str:
    """Who answered, as a posted form says it ("" when not chosen); the store checks it."""
    values = arguments.get(RESPONDENT_FIELD, [])
    return values[0].decode("utf-8", "replace")[:40] if values else ""


def _box_label(area: Category, language: str) -> str:
    """An area beside its box: the pictogram only decorates here (the label's text names
    the box), so a screen reader does not say the name twice."""
    picture = pictogram(area, language).replace(' role="img"', ' aria-hidden="true"', 1)
    return (f'<span class="kit-area">{picture}'
            f"<bdi>{escape(area_name(area, language))}</bdi></span>")


def needs_thanks_html(language: str, path: str) -> str:
    L = language
    body = (f"<h1>{escape(t('needs.thanks', L))}</h1>"
            f'<p><a class="again" href="{escape(path)}?lang={L}">'
            f'{escape(t("needs.again", L))}</a></p>')
    return page(t("needs.title", L), body, L)


def needs_from_form(arguments: Mapping[str, list[bytes]]) -> tuple[dict[str, list[str]],
                                                                    dict[str, str]]:
    """The picks and texts of a posted form, by question (`Question.value`), from its ASCII
    field names (`Question.field`); values are UTF-8, as the page's charset makes the
    browser send them. Unknown fields are ignored; the store checks every value again."""
    def values(name: str) -> list[str]:
        return [v.decode("utf-8", "replace") for v in arguments.get(name, [])]

    picks = {q.value: values(q.field) for q in Question}
    texts = {q.value: "".join(values(f"{q.field}_text"))[:MAX_NEED_TEXT * 2] for q in Question}
    return picks, texts


def message_html(title: str, message: str, language: str, path: str = "",
                 retry: bool = False) -> str:
    """A short page that says why nothing is shown (a wrong or old address, a wait), in the
    reader's language, with the other languages to switch to and, after a wait (`retry`),
    a button to try again."""
    L = language
    again = (f'<a class="again" href="{escape(path)}?lang={L}">{escape(t("pages.retry", L))}</a>'
             if retry and path else "")
    body = ((_languages(path, L) if path else "")
            + f'<h1>{escape(title)}</h1><p class="error" role="alert">{escape(message)}</p>'
            + again)
    return page(title, body, L)
