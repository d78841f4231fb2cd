"""The parts every step's screens are built from, on the phone, the board and in the
facilitator app: escaping (`esc`, `html_text`, `set_html_text`, `t_html`, `isolate`,
`markdownish`), forms that keep what someone is typing (`Fields`, `set_options`), lists
updated in place (`Rows`, `ItemRow`), a guarded action (`guarded`, `Confirm`), links and
downloads, the small browser-side widgets (`Counter`, `Countdown`, `Remember`, `Pager`) and
the page's stylesheet (`CSS`, `style`: `kit/ui/kit.css` followed by each step's
`style.css`). A step's code imports them from here (the public home of what was
`kit.ui._common`).

User text reaches HTML only through `esc`/`html_text`: `widgets.HTML` executes injected
handlers (DESIGN §8), so nothing a person typed is ever put into markup unescaped.

Panels follow one contract: they render from data, act through `on_*` callbacks (or the
callables they are given), and never overwrite a field someone is typing in: `Fields` owns
a form's editable widgets and decides when a stored value may replace what is shown.
"""

from __future__ import annotations

import base64
import html
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import anywidget
import ipywidgets as w
import traitlets

from kit._step_files import step_files
from kit.core.errors import KitError
from kit.core.model import LANGUAGES, Sector
from kit.i18n import is_rtl, t

__all__ = [
    "CSS", "DOCX", "LANGUAGE_NAMES", "XLSX", "App", "Confirm", "Countdown", "Counter",
    "Fields", "ItemRow", "Pager", "Rebuilt", "Remember", "Row", "Rows", "board_link",
    "close_tree", "download_link", "esc", "guarded", "html_text", "isolate",
    "language_dropdown", "markdownish", "participant_link", "qr_svg", "sector_options",
    "set_direction", "set_html_text", "set_options", "style", "t_html",
]

_ESM = Path(str(resources.files(__package__).joinpath("_widgets.js")))


def _stylesheet() -> str:
    """The shared design tokens and layout (`kit.css`), then each step's own rules in the
    order of its folder's name: a step's rule comes after the shared ones it refines."""
    shared = resources.files(__package__).joinpath("kit.css").read_text("utf-8")
    return shared + "".join(f"/* kit/steps/{step}/style.css */\n{file.read_text('utf-8')}"
                            for step, file in step_files("style.css"))


CSS = _stylesheet()
"""The stylesheet of every page, read once per kernel."""

LANGUAGE_NAMES = {lang: t("language.name", lang) for lang in LANGUAGES}


def esc(text: object) -> str:
    """`text` as HTML text: the five characters that make markup escaped."""
    return html.escape(str(text), quote=True)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An <a download> holding the file itself, so no server route is needed."""
    payload = base64.b64encode(data).decode()
    return (f'<a class="kit-download" download="{esc(filename)}" '
            f'href="data:{mime};base64,{payload}">{esc(label)}</a>')


class Rebuilt:
    """The last thing built and what it was built from: a refresh for someone else's change
    (a preference, a dot) does not rebuild a document or a figure whose inputs stayed the same."""

    def __init__(self) -> None:
        self._key: object = object()
        self._value: object = None

    def get(self, key: object, build: Callable[[], object]) -> object:
        if key != self._key:
            self._value, self._key = build(), key
        return self._value


_NOTHING = object()


class Fields:
    """The editable widgets of one form and, per field, the value last loaded from the store.

    A panel is rendered again whenever anything in the workshop changes (a participant's dot,
    card or preference), and a redraw must not undo what the facilitator is typing. So `load`
    writes a stored value into a widget only while the widget still shows the value loaded
    last time (nobody changed it since), or when the field now shows another `subject`
    (another theme, group, forum or card: what is shown then belongs to that one). After the
    facilitator's own save succeeded, `saved` makes the values just saved count as loaded,
    so the next `load` shows what the store made of them (and a form for new things empties).
    """

    def __init__(self, **widgets: Any) -> None:
        self.widgets: dict[str, Any] = widgets
        self.subject: object = _NOTHING
        self._loaded: dict[str, tuple[object, object]] = {}  # name: (subject, value)

    def __getitem__(self, name: str) -> Any:
        return self.widgets[name]

    def values(self) -> dict[str, Any]:
        return {name: box.value for name, box in self.widgets.items()}

    def edited(self) -> set[str]:
        """The fields whose widget no longer shows what was loaded into it."""
        return {name for name, box in self.widgets.items()
                if name in self._loaded and box.value != self._loaded[name][1]}

    def load(self, values: Mapping[str, object], subject: object = None) -> bool:
        """Show the stored `values` of `subject` where that overwrites nobody's typing;
        True when this moved the form to another subject. A form may be loaded in parts
        (one field's options may depend on another's value): each field knows its subject."""
        switched = subject != self.subject
        self.subject = subject
        for name, value in values.items():
            box = self.widgets[name]
            last = self._loaded.get(name)
            if last is None or last[0] != subject or box.value == last[1]:
                box.value = value
                value = box.value  # as the widget holds it (a tuple for a list, clamped)
            self._loaded[name] = (subject, value)
        return switched

    def use(self, **widgets: Any) -> None:
        """Hold these widgets from now on (a form whose fields come and go, one per theme);
        a field whose widget is new is loaded afresh."""
        for name, box in widgets.items():
            if self.widgets.get(name) is not box:
                self._loaded.pop(name, None)
        self.widgets = dict(widgets)

    def saved(self, *names: str) -> None:
        """The facilitator's save of `names` (all fields when none) succeeded."""
        for name in names or tuple(self.widgets):
            self._loaded[name] = (self.subject, self.widgets[name].value)


class Row(Protocol):
    """One row of a `Rows` list: its widgets, and how it shows new data for the same key."""

    root: w.Widget

    def update(self, data: Any, language: str) -> None: ...


K = TypeVar("K")
R = TypeVar("R", bound=Row)


class Rows(Generic[K, R]):
    """A list shown in `box`, one row per key, updated in place.

    A row whose key is still there keeps its widgets and only gets new values (ipywidgets
    sends nothing for a value that did not change), a new key makes a row, and a row whose
    key is gone is closed with all its widgets. So a redraw costs the browser only what
    changed, the kernel keeps as many widgets as there are rows, and a tap on a row that was
    redrawn meanwhile is not lost (the button is the same one). `empty` shows when there are
    no rows."""

    def __init__(self, box: w.Box, make: Callable[[K], R], empty: w.Widget | None = None
                 ) -> None:
        self.box, self.make, self.empty = box, make, empty
        self.rows: dict[K, R] = {}

    def show(self, items: Iterable[tuple[K, object]], language: str) -> None:
        wanted: dict[K, object] = dict(items)
        for key in [k for k in self.rows if k not in wanted]:
            close_tree(self.rows.pop(key).root)
        for key, data in wanted.items():
            if key not in self.rows:
                self.rows[key] = self.make(key)
            self.rows[key].update(data, language)
        children = tuple(self.rows[k].root for k in wanted)
        if not children and self.empty is not None:
            children = (self.empty,)
        if tuple(self.box.children) != children:
            self.box.children = children


class ItemRow:
    """A row for one thing a person wrote (a note, a card): its text, and edit and delete
    buttons that act on the row's key, so a tap reaches what the row shows now."""

    def __init__(self, key: str, words: tuple[str, str], show: Callable[[Any, str], str],
                 on_edit: Callable[[str], None], on_delete: Callable[[str], None]) -> None:
        self.words, self.show = words, show
        self.text = w.HTML()
        self.edit = w.Button(layout=w.Layout(width="auto"))
        self.delete = w.Button(button_style="danger", layout=w.Layout(width="auto"))
        self.edit.on_click(lambda _: on_edit(key))
        self.delete.on_click(lambda _: on_delete(key))
        self.root = w.VBox([self.text, w.HBox([self.edit, self.delete])])

    def update(self, data: Any, language: str) -> None:
        self.text.value = self.show(data, language)
        self.edit.description = t(self.words[0], language)
        self.delete.description = t(self.words[1], language)


class Confirm:
    """A button for something that cannot be undone, or only for a while: the first press
    only asks (what will happen, "yes" and "cancel"); "yes" acts; with `when`, only when
    `when()` says something would be lost. A workshop is led in a
    hurry in front of a room, and one stray click must not end it for everyone."""

    def __init__(self, button: w.Button, action: Callable[[], object],
                 when: Callable[[], bool] | None = None) -> None:
        self.button, self.action, self.when = button, action, when
        self.question = w.HTML()
        self.yes = w.Button(button_style="danger", layout=w.Layout(width="auto"))
        self.no = w.Button(layout=w.Layout(width="auto"))
        self.ask = w.HBox([self.question, self.yes, self.no])
        self.ask.add_class("kit-confirm")
        self.ask.layout.display = "none"
        self.root = w.VBox([button, self.ask])
        button.on_click(lambda _: self._pressed())
        self.yes.on_click(lambda _: self._yes())
        self.no.on_click(lambda _: self.cancel())

    @property
    def asking(self) -> bool:
        return bool(self.ask.layout.display != "none")

    def _pressed(self) -> None:
        # `when`: ask only when there is something to lose (re-forming groups that exist)
        if self.when is None or self.when():
            self.open()
        else:
            self.action()

    def open(self) -> None:
        self.ask.layout.display = None

    def cancel(self) -> None:
        self.ask.layout.display = "none"

    def _yes(self) -> None:
        self.cancel()
        self.action()

    def render(self, question: str, yes: str, language: str) -> None:
        set_html_text(self.question, question, "kit-confirm-question")
        self.yes.description = yes
        self.no.description = t("common.cancel", language)


def close_tree(widget: w.Widget) -> None:
    """Close a widget, its children, and the layout and style widgets each one carries
    (a Button is three widgets in the kernel and in the browser)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    for part in ("layout", "style"):
        inner = getattr(widget, part, None)
        if isinstance(inner, w.Widget):
            inner.close()
    widget.close()


def set_options(box: Any, options: Iterable[tuple[str, object]],
                fallback: object = _NOTHING) -> None:
    """New options for a selection widget without losing the choice shown: ipywidgets resets
    the value whenever the options change (even when only their labels, the language, did).
    A single choice that is no longer an option becomes `fallback`, if given and valid."""
    keep, options = box.value, list(options)
    valid = [value for _, value in options]
    box.options = options
    if isinstance(keep, tuple):
        box.value = tuple(v for v in keep if v in valid)
    elif keep in valid:
        box.value = keep
    elif fallback is not _NOTHING and (fallback in valid or fallback is None):
        box.value = fallback


def html_text(text: object, css: str = "", tag: str = "div") -> w.HTML:
    """An HTML widget holding `text` as text, never as markup."""
    return w.HTML(f'<{tag} class="{esc(css)}">{esc(text)}</{tag}>')


def isolate(text: object) -> str:
    """User text for a plain-text place (a dropdown's option, a tooltip, a Word run) between
    Unicode's FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the text-only `<bdi>`, so an
    Arabic name beside Danish words keeps its own direction and the line its order."""
    return f"\u2068{text}\u2069"


def t_html(key: str, language: str, /, **params: object) -> str:
    """`t(key, language, **params)` as HTML: the catalog's words escaped, each parameter (a
    name, a label: text someone typed) escaped and isolated in `<bdi>`, so that an Arabic
    name in a Danish sentence, or a Danish label in an Arabic one, keeps its own direction
    and leaves the sentence's order alone. A list parameter is joined with the language's
    separator (a comma; "،" in Arabic), each item isolated on its own. `count` stays a plain
    number (it picks the plural form)."""
    marks = {k: f"\ue000{k}\ue001" for k in params if k != "count"}
    text = esc(t(key, language, **{**params, **marks}))
    for k, mark in marks.items():
        value = params[k]
        items = value if isinstance(value, list | tuple) else [value]
        separator = esc(t("common.separator", language))  # "، " in Arabic
        text = text.replace(esc(mark), separator.join(f"<bdi>{esc(v)}</bdi>" for v in items))
    return text


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
    if is_rtl(language):  # the catalog says so: a new language needs no code
        box.add_class("kit-rtl")
    else:
        box.remove_class("kit-rtl")


def sector_options(language: str) -> list[tuple[str, str]]:
    return [(t(f"sector.{s.value}", language), s.value) for s in Sector]


def language_dropdown(languages: tuple[str, ...], value: str) -> w.Dropdown:
    return w.Dropdown(options=[(t("language.name", x), x) for x in languages], value=value,
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


def qr_svg(url: str, fluid: bool = False) -> str:
    """An inline SVG QR code (segno is imported only on screens that show one); `fluid`:
    without a fixed size, so it scales to its box (the board's is as large as the rail)."""
    import segno

    return str(segno.make(url, error="m").svg_inline(scale=8, border=2, omitsize=fluid))


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

        display(self.root)  # type: ignore[no-untyped-call]  # IPython leaves display() unannotated


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


class Pager(_Tiny):
    """Pages through the `.kit-pages` lists of the board's stage that do not fit the screen,
    `seconds` per page (the browser measures; nothing is sent per page)."""

    seconds = traitlets.Float(8.0).tag(sync=True)

    def __init__(self, seconds: float = 8.0) -> None:
        super().__init__(kind="pager", seconds=seconds)


class Counter(_Tiny):
    """Place right after a Text or Textarea: shows "n / limit" while typing and makes the
    box refuse more than `limit` characters (the store checks again on save)."""

    limit = traitlets.Int(280).tag(sync=True)

    def __init__(self, limit: int) -> None:
        super().__init__(kind="counter", limit=limit)


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
