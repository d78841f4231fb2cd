"""Building blocks shared by the participant, board and facilitator views.

User text reaches HTML only through `esc`/`html_text`: `widgets.HTML` executes injected
handlers (DESIGN §8), so nothing a person typed is ever put into markup unescaped.
"""

from __future__ import annotations

import base64
import html
import urllib.parse
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import anywidget
import ipywidgets as w
import traitlets

from kit.core.errors import KitError
from kit.core.model import RTL_LANGUAGES, Sector
from kit.i18n import t

_ESM = Path(str(resources.files(__package__).joinpath("_widgets.js")))
CSS = resources.files(__package__).joinpath("kit.css").read_text("utf-8")

LANGUAGE_NAMES = {lang: t("language.name", lang) for lang in ("da", "en", "uk", "ar")}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An <a download> holding the file itself, so no server route is needed."""
    payload = base64.b64encode(data).decode()
    return (f'<a class="kit-download" download="{esc(filename)}" '
            f'href="data:{mime};base64,{payload}">{esc(label)}</a>')


class Rebuilt:
    """The last thing built and what it was built from: a refresh for someone else's change
    (a wish, a dot) does not rebuild a document or a figure whose inputs stayed the same."""

    def __init__(self) -> None:
        self._key: object = object()
        self._value: object = None

    def get(self, key: object, build: Callable[[], object]) -> object:
        if key != self._key:
            self._value, self._key = build(), key
        return self._value


def html_text(text: object, css: str = "", tag: str = "div") -> w.HTML:
    """An HTML widget holding `text` as text, never as markup."""
    return w.HTML(f'<{tag} class="{esc(css)}">{esc(text)}</{tag}>')


def set_html_text(widget: w.HTML, text: object, css: str = "", tag: str = "div") -> None:
    widget.value = f'<{tag} class="{esc(css)}">{esc(text)}</{tag}>'


def guarded(action: Callable[[], object], message: w.HTML, language: str) -> bool:
    """Run what a person asked for; a KitError becomes a message in their language."""
    try:
        action()
    except KitError as exc:
        set_html_text(message, exc.message(language), "kit-error")
        return False
    set_html_text(message, "", "kit-error")
    return True


def style() -> w.HTML:
    return w.HTML(f"<style>{CSS}</style>")


def set_direction(box: w.Widget, language: str) -> None:
    if language in RTL_LANGUAGES:
        box.add_class("kit-rtl")
    else:
        box.remove_class("kit-rtl")


def sector_options(language: str) -> list[tuple[str, str]]:
    return [(t(f"sector.{s.value}", language), s.value) for s in Sector]


def language_dropdown(languages: tuple[str, ...], value: str) -> w.Dropdown:
    return w.Dropdown(options=[(LANGUAGE_NAMES[x], x) for x in languages], value=value,
                      layout=w.Layout(width="12rem"))


def markdownish(text: str) -> str:
    """Our own guidance texts (never user text) as HTML: **bold** lines and '- ' bullets."""
    out, items = [], []
    for line in text.splitlines():
        line = esc(line.strip())
        if line.startswith("- "):
            items.append(f"<li>{line[2:]}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line.startswith("**") and line.endswith("**"):
            out.append(f"<h4>{line[2:-2]}</h4>")
        elif line:
            out.append(f"<p>{line}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def qr_svg(url: str) -> str:
    """An inline SVG QR code (segno is imported only on screens that show one)."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=8, border=2)


def participant_link(public_url: str, code: str) -> str:
    return f"{public_url.rstrip('/')}/?{urllib.parse.urlencode({'code': code})}"


def board_link(public_url: str, code: str) -> str:
    query = urllib.parse.urlencode({"code": code})
    return f"{public_url.rstrip('/')}/voila/render/board.ipynb?{query}"


class App:
    """An app shows its widget tree when it is the value of a notebook cell."""

    root: w.Widget

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.root)


class _Tiny(anywidget.AnyWidget):
    _esm = _ESM
    kind = traitlets.Unicode("").tag(sync=True)


class Remember(_Tiny):
    """A value kept in the browser's localStorage under `key`; `loaded` turns true once read."""

    key = traitlets.Unicode("kit").tag(sync=True)
    value = traitlets.Unicode("").tag(sync=True)
    loaded = traitlets.Bool(False).tag(sync=True)

    def __init__(self, key: str) -> None:
        super().__init__(kind="remember", key=key)


class Countdown(_Tiny):
    """A countdown that ticks in the browser; the kernel only sends the seconds left."""

    seconds_left = traitlets.Float(-1.0).tag(sync=True)
    stamp = traitlets.Int(0).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)

    def __init__(self, label: str = "") -> None:
        super().__init__(kind="countdown", label=label)

    def show(self, ends_at: float | None, now: float) -> None:
        self.seconds_left = -1.0 if ends_at is None else max(0.0, ends_at - now)
        self.stamp += 1
