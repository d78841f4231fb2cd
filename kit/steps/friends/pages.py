"""The friend programme's two public sign-up forms as plain HTML pages, kernel-free like the
needs check (`kit.pages`): one for a volunteer friend (`/friends/<PUBLIC CODE>/volunteer`)
and one for a refugee household (`/friends/<PUBLIC CODE>/household`), filled by the household
or with a caseworker or the language school. Four languages, Arabic right to left; every
choice is a box or a button of at least 48 px; nothing asked beyond what matching and
reaching the person need; the consent shown is the text stored with its date.

Built here as strings (every text from a person escaped); served by `kit._friends_app`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from kit.core.areas import area_name, pictogram
from kit.core.model import LANGUAGES, Category
from kit.i18n import t
from kit.steps.friends.model import (
    MAX_ADULTS,
    MAX_CONTACT,
    MAX_ORGANISATION,
    PURGE_AFTER_MONTHS,
    Availability,
    DanishLevel,
    FilledBy,
    Kind,
)
from kit.steps.friends.signup import INTERESTS, MAX_CAPACITY, SPOKEN, municipality_names

KINDS = ("volunteer", "household")
"""The two forms, as their address ends."""

MULTI = ("languages", "interests", "availability", "help_wanted")
"""Fields with several boxes to tick."""

STYLE = """
.friends label.pick{display:flex;align-items:center;gap:.4rem;margin:0;padding:.35rem .45rem;
font-size:.95rem;
border:2px solid #c9d3e0;border-radius:8px;background:#fff;cursor:pointer;min-height:48px;
box-sizing:border-box;overflow-wrap:break-word;hyphens:auto;min-width:0}
.friends label.pick>span,.friends label.pick>bdi{min-width:0}
.friends .own{display:block;color:#555;font-size:.9rem}
.friends .picks.one{grid-template-columns:1fr}
.friends label.pick:has(input:checked){border-color:#2b5fab;background:#e3ecfa}
.friends label.pick input{flex:none;margin:0;width:1.4rem;height:1.4rem}
.friends .picks{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.4rem,1fr));
gap:.45rem;margin:.3rem 0 .2rem}
.friends fieldset{border:1px solid #c9d3e0;border-radius:8px;padding:.6rem .8rem .8rem;
background:#f6f8fb;margin:1rem 0;min-width:0}
.friends legend,.friends .field>span{font-weight:600;font-size:1.05rem;padding:0 .2rem}
.friends .field{display:block;margin:1rem 0;min-height:0}
.friends .field input,.friends .field select{display:block;width:100%;box-sizing:border-box;
font-size:16px;min-height:48px;padding:.4rem .6rem;margin-top:.3rem;border:1px solid #8a9bb3;
border-radius:6px;font-family:inherit;background:#fff}
.friends .hint,.friends .field>.hint{color:#555;font-size:.95rem;font-weight:400;
display:block}
.friends .consent p{margin:.2rem 0 .6rem;white-space:pre-line}
.friends button{background:#2b5fab;color:#fff;border:0;border-radius:8px;width:100%;
font-weight:600;margin-top:.6rem}
.friends .kit-pictogram{flex:none}.error a{color:inherit}
"""


def _spoken_label(code: str, language: str) -> str:
    """A language as the reader calls it, with its own name under it when that differs
    (a household finds "ትግርኛ" faster than its name in Danish)."""
    from babel import Locale, UnknownLocaleError

    from kit.steps.friends.logic import language_name

    name = language_name(code, language)
    try:
        own = Locale.parse(code).get_display_name(code) or ""
    except (UnknownLocaleError, ValueError):
        own = ""
    # the block follows the page's side; the name inside keeps its own direction
    under = (f'<small class="own"><bdi lang="{escape(code)}">{escape(own)}</bdi></small>'
             if own and own.casefold() != name.casefold() else "")
    return f"<span>{_bdi(name)}{under}</span>"


def _boxes(field: str, options: Sequence[tuple[str, str]], picked: Sequence[str],
           *, kind: str = "checkbox", one: bool = False) -> str:
    chosen = set(picked)
    # radio buttons and the areas are a phrase each, one under the other; short words
    # (languages, interests) go two by two
    return f'<div class="picks{" one" if kind == "radio" or one else ""}">' + "".join(
        f'<label class="pick"><input type="{kind}" name="{field}" value="{escape(value)}"'
        f'{" checked" if value in chosen else ""}{" required" if kind == "radio" else ""}>'
        f'{label}</label>' for value, label in options) + "</div>"


def _group(field: str, language: str, inner: str, hint: str = "", label: str = "") -> str:
    extra = f'<span class="hint">{escape(hint)}</span>' if hint else ""
    legend = label or t(f"friends.field.{field}", language)
    return (f'<fieldset id="f-{field}"><legend>{escape(legend)}'
            f"</legend>{extra}{inner}</fieldset>")


def _input(field: str, language: str, value: str, *, most: int, mode: str = "text",
           hint: str = "", auto: str = "off") -> str:
    extra = f'<span class="hint">{escape(hint)}</span>' if hint else ""
    return (f'<label class="field" id="f-{field}"><span>'
            f'{escape(t(f"friends.field.{field}", language))}</span>{extra}'
            f'<input name="{field}" value="{escape(value[:most])}" maxlength="{most}" '
            f'dir="auto" inputmode="{mode}" autocomplete="{auto}"></label>')


def _select(field: str, language: str, options: Sequence[tuple[str, str]],
            value: str) -> str:
    items = "".join(f'<option value="{escape(v)}"{" selected" if v == value else ""}>'
                    f"{escape(label)}</option>" for v, label in options)
    return (f'<label class="field" id="f-{field}"><span>'
            f'{escape(t(f"friends.field.{field}", language))}</span>'
            f'<select name="{field}">{items}</select></label>')


def _bdi(text: str) -> str:
    return f"<bdi>{escape(text)}</bdi>"


def _area(area: Category, language: str) -> str:
    picture = pictogram(area, language).replace(' role="img"', ' aria-hidden="true"', 1)
    return f"{picture}{_bdi(area_name(area, language))}"


def _languages(path: str, current: str) -> str:
    links = "".join(f'<a href="{escape(path)}?lang={x}" lang="{x}">'
                    f'{escape(t("language.name", x))}</a>' for x in LANGUAGES if x != current)
    return f'<nav class="langs">{links}</nav>'


def consent_text(kind: str, language: str) -> str:
    """The consent a form shows, as it is stored with the sign-up."""
    return t(f"friends.consent.{kind}", language, months=PURGE_AFTER_MONTHS)


def form_html(kind: str, programme: str, municipality: str, language: str, path: str,
              xsrf: str, message: str = "",
              values: Mapping[str, str | list[str]] | None = None, wrong: str = "") -> str:
    """The sign-up form of `kind` (volunteer or household) for the programme named
    `programme`; after a refusal (`message`) with what was filled in kept (`values`, as
    `from_form` reads them) and the field that was not as asked (`wrong`) marked, the
    message linking to it."""
    from kit.pages import page

    L = language
    v = dict(values or {})

    def one(name: str, default: str = "") -> str:
        got = v.get(name, default)
        return got if isinstance(got, str) else (got[0] if got else default)

    def many(name: str) -> list[str]:
        got = v.get(name, [])
        return [got] if isinstance(got, str) else list(got)

    towns = municipality_names()
    place = one("municipality", municipality if municipality in towns else "")
    level = [(x.value, _bdi(t(f"friends.level.{x.value}", L))) for x in DanishLevel]
    spoken = [(c, _spoken_label(c, L)) for c in SPOKEN]
    likes = [(c, _bdi(t(f"friends.interest.{c}", L))) for c in INTERESTS]
    when = [(a.value, _bdi(t(f"friends.availability.{a.value}", L))) for a in Availability]
    where = _select("municipality", L, [("", t("friends.form.municipality_pick", L))]
                    + [(x, x) for x in towns], place)
    post = _input("postcode", L, one("postcode"), most=4, mode="numeric",
                  auto="postal-code")
    contact = _input("contact", L, one("contact"), most=MAX_CONTACT, auto="tel")
    danish = _group("danish_level", L, _boxes("danish_level", level, many("danish_level"),
                                              kind="radio"))
    tongues = _group("languages", L, _boxes("languages", spoken, many("languages")),
                     t("friends.form.languages_hint", L))
    interests = _group("interests", L, _boxes("interests", likes, many("interests")),
                       t("friends.form.optional", L))
    # a household is asked as "you" plural where the language tells them apart
    times = _group("availability", L, _boxes("availability", when, many("availability")),
                   label=t("friends.form.when_household", L) if kind == "household" else "")
    if kind == "volunteer":
        fields = [
            _input("name", L, one("name"), most=80, auto="name"), contact,
            _input("organisation", L, one("organisation"), most=MAX_ORGANISATION,
                   auto="organization"),
            where, post, danish, tongues,
            _group("kind", L, _boxes("kind", [(k.value, _bdi(t(f"friends.kind.{k.value}", L)))
                                              for k in Kind], many("kind"), kind="radio")),
            _select("capacity", L, [(str(n), str(n)) for n in range(1, MAX_CAPACITY + 1)],
                    one("capacity", "1")),
            interests, times]
    else:
        areas = [(c.value, _area(c, L)) for c in Category]
        fields = [
            _group("filled_by", L, _boxes(
                "filled_by", [(b.value, _bdi(t(f"friends.filled_by.{b.value}", L)))
                              for b in FilledBy], many("filled_by"), kind="radio")),
            contact, where, post, danish, tongues,
            _select("adults", L, [(str(n), str(n)) for n in range(1, MAX_ADULTS + 1)],
                    one("adults", "1")),
            _input("children_ages", L, one("children_ages"), most=60,
                   hint=t("friends.form.children_hint", L)),
            interests,
            _group("help_wanted", L, _boxes("help_wanted", areas, many("help_wanted"),
                                                   one=True),
                   t("friends.form.optional", L)),
            times]
    agreed = " checked" if one("consent") == "yes" else ""
    consent = (f'<fieldset class="consent" id="f-consent"><legend>'
               f'{escape(t("friends.form.consent_heading", L))}</legend>'
               f"<p>{escape(consent_text(kind, L))}</p>"
               f'<label class="pick"><input type="checkbox" name="consent" value="yes"'
               f'{agreed}>{_bdi(t("friends.form.agree", L))}</label></fieldset>')
    error = (f'<p class="error" role="alert"><a href="#f-{escape(wrong)}">{escape(message)}</a>'
             "</p>" if message and wrong else
             f'<p class="error" role="alert">{escape(message)}</p>' if message else "")
    mark = (f"<style>#f-{escape(wrong)}{{outline:3px solid #b00020;outline-offset:2px}}"
            "</style>" if wrong else "")
    title = t(f"friends.form.{kind}_title", L)
    body = (_languages(path, L) + f"<h1>{escape(title)}</h1>"
            f'<p class="muted">{_bdi(programme)}</p>{error}'
            f"<p>{escape(t(f'friends.form.{kind}_intro', L))}</p>"
            f'<p class="muted">{escape(t("friends.form.only_needed", L))}</p>'
            f'<form class="friends" method="post" action="{escape(path)}?lang={L}" '
            f'novalidate>{xsrf}{"".join(fields)}{consent}'
            f'<button>{escape(t("friends.form.send", L))}</button></form>')
    return page(title, f"<style>{STYLE}</style>{mark}{body}", L)


def thanks_html(kind: str, language: str, path: str) -> str:
    from kit.pages import page

    L = language
    body = (f'<h1 role="status">{escape(t(f"friends.form.thanks_{kind}", L))}</h1>'
            f'<p><a class="again" href="{escape(path)}?lang={L}">'
            f'{escape(t("friends.form.again", L))}</a></p>')
    return page(t(f"friends.form.{kind}_title", L), body, L)


FIELDS = {
    "volunteer": ("name", "contact", "organisation", "municipality", "postcode",
                  "danish_level", "languages", "kind", "capacity", "interests",
                  "availability", "consent"),
    "household": ("filled_by", "contact", "municipality", "postcode", "danish_level",
                  "languages", "adults", "children_ages", "interests", "help_wanted",
                  "availability", "consent"),
}


def from_form(kind: str, arguments: Mapping[str, list[bytes]]) -> dict[str, str | list[str]]:
    """What a posted form holds, by field (UTF-8, as the page's charset makes the browser
    send it): lists for the boxes, one text for the rest; unknown fields ignored, each
    value cut at a length no field takes (the store checks every value again)."""
    out: dict[str, str | list[str]] = {}
    for name in FIELDS[kind]:
        got = [x.decode("utf-8", "replace")[:2000] for x in arguments.get(name, [])][:40]
        out[name] = got if name in MULTI else (got[0] if got else "")
    return out


def sign_up_fields(kind: str, values: Mapping[str, str | list[str]],
                   language: str) -> dict[str, object]:
    """The keywords of `sign_up_volunteer` / `sign_up_household` from a read form: the
    consent ticked (True only for our box's value) and the text the form showed."""
    fields: dict[str, object] = {k: v for k, v in values.items() if k != "consent"}
    fields["consent"] = values.get("consent") == "yes"
    fields["consent_text"] = consent_text(kind, language)
    return fields
