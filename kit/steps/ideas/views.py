"""Ideas and themes on screen: the participant's note form, the board's wall of notes and
themes, and the facilitator's drag-and-drop theme board (a tiny anywidget).

The theme board's browser half only sends requests ("move note X to theme Y"); the kernel
writes them through the store facade and sends the new board back, so two facilitator windows
always show what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import anywidget
import ipywidgets as w
import traitlets

from kit.core.model import MAX_IDEA
from kit.i18n import t
from kit.steps.ideas.model import Idea, Prompt, Theme
from kit.ui.areas import language_mark, title_html
from kit.ui.parts import (
    Counter,
    Fields,
    ItemRow,
    Rows,
    esc,
    guarded,
    html_text,
    set_html_text,
    set_options,
)

if TYPE_CHECKING:
    from kit.workshop import Workshop

_ESM = Path(str(resources.files(__package__).joinpath("theme_board.js")))
BOARD_WORDS = ("drag_hint", "keys_hint", "unassigned", "rename", "candidate", "merge_into",
               "split", "delete", "delete_sure")


# -- the participant's notes -------------------------------------------------------------
class IdeaForm:
    """Write notes to either question; edit or delete your own while the step is open."""

    def __init__(self, on_save: Callable[[str | None, str, str], None],
                 on_delete: Callable[[str], None]) -> None:
        self.on_save, self.on_delete = on_save, on_delete
        self.editing: str | None = None
        self.language = "da"
        self.question = html_text("", "kit-phase")
        self.prompt = w.ToggleButtons(value=Prompt.UDFORDRING.value,
                                      options=[(p.value, p.value) for p in Prompt])
        self.text = w.Textarea(layout=w.Layout(width="100%", height="5rem"))
        self.save = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.cancel = w.Button(layout=w.Layout(width="auto", display="none"))
        self.message = html_text("", "kit-error")
        self.mine_title = html_text("", "kit-phase")
        self.mine = w.VBox()
        self.none = html_text("", "kit-muted")
        self.rows: Rows[str, ItemRow] = Rows(
            self.mine, lambda key: ItemRow(key, ("idea.edit", "idea.delete"), _idea_html,
                                           lambda k: self.edit(self.shown[k]), self._delete),
            self.none)
        self.shown: dict[str, Idea] = {}
        self.root = w.VBox([self.question, self.prompt, self.text, Counter(MAX_IDEA), self.save,
                            self.cancel,
                            self.message, self.mine_title, self.mine])
        self.save.on_click(lambda _: self.submit())
        self.cancel.on_click(lambda _: self.reset())
        self.prompt.observe(lambda _: self._question(), "value")

    def _question(self) -> None:
        set_html_text(self.question, t(f"idea.{self.prompt.value}", self.language), "kit-phase")

    def render(self, mine: list[Idea], language: str) -> None:
        self.language = L = language
        keep = self.prompt.value
        self.prompt.options = [(t(f"idea.{p.value}", L), p.value) for p in Prompt]
        self.prompt.value = keep
        self._question()
        self.text.placeholder = t("idea.text_placeholder", L)
        self.save.description = t("idea.save" if self.editing else "idea.add", L)
        self.cancel.description = t("idea.cancel", L)
        set_html_text(self.mine_title, t("idea.mine", L), "kit-phase")
        set_html_text(self.none, t("idea.none", L), "kit-muted")
        self.shown = {i.id: i for i in mine}
        self.rows.show(((i.id, i) for i in mine), L)

    def submit(self) -> bool:
        ok = guarded(lambda: self.on_save(self.editing, self.text.value, self.prompt.value),
                     self.message, self.language)
        if ok:
            self.reset()
            set_html_text(self.message, t("idea.added", self.language), "kit-muted")
        return ok

    def edit(self, idea: Idea) -> None:
        self.editing = idea.id
        self.text.value, self.prompt.value = idea.text, idea.prompt.value
        self.save.description = t("idea.save", self.language)
        self.cancel.layout.display = None

    def reset(self) -> None:
        self.editing = None
        self.text.value = ""
        self.save.description = t("idea.add", self.language)
        self.cancel.layout.display = "none"

    def _delete(self, idea_id: str) -> None:
        guarded(lambda: self.on_delete(idea_id), self.message, self.language)


def _idea_html(idea: Idea, language: str) -> str:
    return f'<div class="kit-idea {esc(idea.prompt.value)}" dir="auto">{esc(idea.text)}</div>'


# -- the board ---------------------------------------------------------------------------
def alike_counts(ideas: list[Idea]) -> dict[str, tuple[int, bool]]:
    """Per note: how many near-identical notes it stands for, and whether it is the first."""
    from kit.steps.ideas.alike import near_identical

    out = {i.id: (1, True) for i in ideas}
    for group in near_identical([i.text for i in ideas]):
        for n, index in enumerate(group):
            out[ideas[index].id] = (len(group), n == 0)
    return out


class IdeaData(TypedDict):
    """An idea on the theme board: `same` near-identical ideas, `first` the one shown."""

    id: str
    text: str
    prompt: str
    same: int
    first: bool
    why: str
    """When the kit placed it and the facilitator has not accepted: the words why."""


class ThemeData(TypedDict):
    id: str
    label: str
    selected: bool
    ideas: list[IdeaData]
    area: str


class BoardData(TypedDict):
    """What the theme board's browser half draws (and the projector's themes view)."""

    themes: list[ThemeData]
    unassigned: list[IdeaData]


def board_data(ideas: list[Idea], themes: list[Theme],
               suggested: Mapping[str, tuple[str, ...]] | None = None,
               language: str = "da") -> BoardData:
    """The theme board as plain data: themes with their notes, and the unassigned notes;
    a note the kit placed (`suggested`) says why, until the facilitator accepts."""
    alike = alike_counts(ideas)
    marks = suggested or {}

    def idea(i: Idea) -> IdeaData:
        why = (t("themes.suggested", language, words=", ".join(marks[i.id]))
               if i.id in marks else "")
        return {"id": i.id, "text": i.text, "prompt": i.prompt.value, "same": alike[i.id][0],
                "first": alike[i.id][1], "why": why}

    return {"themes": [{"id": th.id, "label": th.label, "selected": th.selected,
                        "ideas": [idea(i) for i in ideas if i.theme_id == th.id],
                        "area": th.area}
                       for th in themes],
            "unassigned": [idea(i) for i in ideas if i.theme_id is None]}


def idea_html(tag: str, prompt: str, text: str, same: int, language: str) -> str:
    """One note on the board: its own direction (`dir="auto"`), its language marked when it
    is written in another script, and ×N for alike notes shown once."""
    attribute, mark = language_mark(text, language)
    times = f" <b>×{same}</b>" if same > 1 else ""
    return (f'<{tag} class="kit-idea {esc(prompt)}" dir="auto"{attribute}>{mark}{esc(text)}'
            f'{times}</{tag}>')


def ideas_html(ideas: list[Idea], language: str) -> str:
    """The wall of notes for the projector: anonymous, alike notes shown once with ×N; one
    grid the board pages through (`.kit-pages`), each question's heading a full row."""
    alike = alike_counts(ideas)
    out = []
    for prompt in Prompt:
        mine = [i for i in ideas if i.prompt is prompt and alike[i.id][1]]
        out.append(f'<h3 class="kit-wall-head">{esc(t(f"idea.{prompt.value}", language))} '
                   f'<span class="kit-muted">'
                   f'({esc(t("idea.count", language, count=len(mine)))})</span></h3>')
        out += [idea_html("div", prompt.value, i.text, alike[i.id][0], language) for i in mine]
    return '<div class="kit-wall kit-pages">' + "".join(out) + "</div>"


IDEAS_PER_THEME = 4
"""Notes shown under a theme on the board; the rest are counted (a theme must fit a page)."""


def themes_html(data: BoardData, language: str) -> str:
    """Themes with their notes for the projector, as cards the board pages through;
    candidates for the vote are outlined. Each card shows its first notes and how many more."""
    def card(label: str, ideas: list[IdeaData], css: str, area: str = "") -> str:
        shown = "".join(idea_html("li", n.get("prompt", ""), n["text"], n.get("same", 1),
                                  language) for n in ideas[:IDEAS_PER_THEME])
        more = len(ideas) - IDEAS_PER_THEME
        rest = (f'<li class="kit-more">{esc(t("themes.more", language, count=more))}</li>'
                if more > 0 else "")
        return (f'<div class="{css}"><h3>{title_html(label, area, language)} '
                f'<span class="kit-muted">'
                f'({esc(t("idea.count", language, count=len(ideas)))})</span></h3>'
                f'<ul class="kit-theme-ideas">{shown}{rest}</ul></div>')

    out = [card(theme["label"], [n for n in theme["ideas"] if n["first"]],
                "kit-theme-box selected" if theme["selected"] else "kit-theme-box",
                theme.get("area", ""))
           for theme in data["themes"]]
    if data["unassigned"]:
        out.append(card(t("themes.unassigned", language), data["unassigned"],
                        "kit-theme-box kit-unassigned"))
    return '<div class="kit-theme-grid kit-pages">' + "".join(out) + "</div>"


# -- the facilitator's drag-and-drop board -----------------------------------------------
_EMPTY_BOARD: dict[str, Any] = {"themes": [], "unassigned": []}


class ThemeBoard(anywidget.AnyWidget):
    """Drag and drop in the browser; every request arrives in `handle` as a message."""

    _esm = _ESM
    # the shape `draw` reads from the first render on (an empty dict made it throw a
    # TypeError when the board was drawn before the kernel sent the first themes)
    board = traitlets.Dict(dict(_EMPTY_BOARD)).tag(sync=True)
    words = traitlets.Dict({}).tag(sync=True)

    def __init__(self, on_action: Callable[[dict[str, object]], None]) -> None:
        super().__init__()
        self.on_action = on_action
        self.on_msg(lambda _widget, content, _buffers: self.handle(content))

    def handle(self, message: Mapping[str, object]) -> None:
        """What the browser sends, and what tests call directly."""
        self.on_action(dict(message))

    def move(self, idea_id: str, theme_id: str | None) -> None:
        self.handle({"action": "move", "idea": idea_id, "theme": theme_id})


class ThemeTools:
    """Suggest themes, then regroup them by hand; every change is stored at once."""

    def __init__(self, on_suggest: Callable[[int | None], None],
                 on_action: Callable[[dict[str, object]], None],
                 on_undo: Callable[[], None],
                 on_place: Callable[[], None] | None = None,
                 on_accept: Callable[[], None] | None = None,
                 on_suggest_rest: Callable[[int | None], None] | None = None) -> None:
        self.language = "da"
        self.on_action_cb = on_action
        self.count = w.Dropdown(options=[], layout=w.Layout(width="16rem"))
        self.suggest = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.suggest_rest = w.Button(layout=w.Layout(width="auto"))
        # Late ideas into the themes the room made (issue 20); the marks need accepting.
        self.place = w.Button(layout=w.Layout(width="auto"))
        self.accept = w.Button(layout=w.Layout(width="auto"))
        self.new_label = w.Text(layout=w.Layout(width="16rem"))
        self.new = w.Button()
        self.undo = w.Button(icon="undo")
        self.message = html_text("", "kit-error")
        self.other_languages = html_text("", "kit-muted")
        self.board = ThemeBoard(on_action=self._act)
        # How many themes to suggest, and a new theme's label: drafts with nothing stored.
        self.form = Fields(count=self.count, new_label=self.new_label)
        self.root = w.VBox([w.HBox([self.count, self.suggest, self.suggest_rest]),
                            w.HBox([self.place, self.accept]),
                            w.HBox([self.new_label, self.new, self.undo]), self.message,
                            self.other_languages, self.board])
        self.suggest.on_click(lambda _: guarded(lambda: on_suggest(self.count.value or None),
                                                self.message, self.language))
        rest = on_suggest_rest
        self.suggest_rest.on_click(lambda _: None if rest is None else guarded(
            lambda: rest(self.count.value or None), self.message, self.language))
        self.new.on_click(lambda _: self._act({"action": "create",
                                               "label": self.new_label.value}))
        self.undo.on_click(lambda _: guarded(on_undo, self.message, self.language))
        for button, callback in ((self.place, on_place), (self.accept, on_accept)):
            if callback is None:
                button.layout.display = "none"
            else:
                button.on_click(lambda _, cb=callback: guarded(cb, self.message, self.language))

    def _act(self, message: dict[str, object]) -> None:
        if guarded(lambda: self.on_action_cb(message), self.message, self.language) and \
                message.get("action") == "create":
            self.form.saved("new_label")
            self.form.load({"new_label": ""})

    def render(self, ideas: list[Idea], themes: list[Theme], language: str,
               suggested: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.language = L = language
        # 0, not None: a dropdown shows a None value as an empty box
        set_options(self.count, [(t("themes.auto", L), 0)] + [
            (f"{t('themes.how_many', L)}: {n}", n) for n in range(2, 13)], fallback=0)
        self.form.load({"new_label": ""})
        self.suggest.description = t("themes.suggest", L)
        self.place.description = t("themes.place_new", L)
        self.accept.description = t("themes.accept", L)
        self.accept.disabled = not suggested
        self.suggest_rest.description = t("themes.suggest_rest", L)
        free = sum(i.theme_id is None for i in ideas)
        self.suggest_rest.disabled = not themes or not free
        self.place.disabled = not themes or not free
        self.new_label.placeholder = t("themes.new_label", L)
        self.new.description = t("themes.new", L)
        self.undo.description = t("themes.undo", L)
        self.board.words = {k: t(f"themes.{k}", L) for k in BOARD_WORDS}
        from kit.core.script import foreign

        waiting = sum(1 for i in ideas if i.theme_id is None and foreign(i.text))
        set_html_text(self.other_languages, t("themes.other_languages", L, count=waiting)
                      if waiting else "", "kit-muted")
        # the trait holds a plain dict
        self.board.board = dict(board_data(ideas, themes, suggested, L))


def apply_action(workshop: Workshop, message: Mapping[str, object]) -> None:
    """Carry out one request from the theme board through the store facade."""
    action = message.get("action")
    if action == "move":
        theme = message.get("theme")
        workshop.ideas.assign_idea(str(message["idea"]), str(theme) if theme else None)
    elif action == "rename":
        workshop.ideas.rename_theme(str(message["theme"]), str(message.get("label", "")))
    elif action == "select":
        workshop.ideas.select_theme(str(message["theme"]), bool(message.get("selected")))
    elif action == "merge":
        workshop.ideas.merge_themes(str(message["into"]), str(message["from"]))
    elif action == "split":
        ideas = message.get("ideas")
        ids = [str(i) for i in ideas] if isinstance(ideas, list | tuple) else []
        workshop.ideas.split_theme(str(message["theme"]), ids, t("themes.new", "da"))
    elif action == "delete":
        workshop.ideas.delete_theme(str(message["theme"]))
    elif action == "create":
        workshop.ideas.add_theme(str(message.get("label", "")))


def suggest_rest(workshop: Workshop, n_themes: int | None) -> None:
    """Suggest new themes for the notes in no theme yet, and put them on the board beside
    the existing ones (which keep their notes, votes, preferences and groups)."""
    groups = _suggested(workshop, n_themes, only_free=True)
    if groups:
        workshop.ideas.add_themes(groups)


def suggest(workshop: Workshop, n_themes: int | None) -> None:
    """Group the workshop's notes into suggested themes and put them on the board (with
    no note to group, the board stays as it is)."""
    groups = _suggested(workshop, n_themes, only_free=False)
    if groups:
        workshop.ideas.apply_themes(groups)


def _suggested(workshop: Workshop, n_themes: int | None,
               only_free: bool) -> list[tuple[str, list[str]]]:
    """Suggested themes as (label, idea ids), for all notes or those in no theme yet.
    Notes in another script (Arabic, Ukrainian …) are set aside, left for the facilitator
    to place: the suggestion reads Danish words and would only cluster them as noise."""
    from kit.core.script import foreign
    from kit.steps.ideas import logic as grouping

    ideas = [i for i in workshop.ideas()
             if not foreign(i.text) and (i.theme_id is None or not only_free)]
    if not ideas:
        return []
    texts = [i.text for i in ideas]
    labels = grouping.suggest_themes(texts, n_themes)
    names = grouping.label_themes(texts, labels)
    return [(names[g], [n.id for n, lab in zip(ideas, labels, strict=True) if lab == g])
            for g in sorted(set(labels))]

