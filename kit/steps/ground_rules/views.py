"""The ground rules on screen: a phone's vote, one task at a time (four buttons), the
board's split of the room per task with the house rules, and the facilitator's tools (tasks
from the timeline, settling each task, drafting and agreeing the house rules).

Nothing here imports pandas: the votes are counted by `logic.tally` in pure Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import ipywidgets as w

from kit.i18n import t
from kit.steps.ground_rules.logic import TaskTally
from kit.steps.ground_rules.model import Division, HouseRule, RuleTask
from kit.ui.console import UndoToast
from kit.ui.parts import Fields, Rows, esc, guarded, html_text, set_html_text, set_options

if TYPE_CHECKING:
    from kit.workshop import Workshop

COLOURS = {Division.FRIVILLIGE: "#7B3294", Division.FAGPERSON: "#8C510A",
           Division.SAMMEN: "#4D4D4D", Division.UDEN_KOMMUNE: "#C51B7D"}
"""Purple, brown, dark grey and magenta: none of the sectors' blue, green and orange, which
the board's sidebar shows beside these bars (blue "needs a professional" next to blue
"municipality" read as the municipality's vote); white counts on each, a legend for the names."""


Translated = Mapping[tuple[str, str], str]
"""The room's translations into one language: (item id, field) → text
(`Workshop.translated`)."""


def _task_label(task: RuleTask, language: str, translated: Translated | None = None) -> str:
    """A task's title, in the phone's language when the facilitator has it translated
    (else the Danish title, with the area's name in the phone's language)."""
    area = f' <span class="kit-muted">{esc(t(f"category.{task.category.value}", language))}' \
           "</span>" if task.category is not None else ""
    title = (translated or {}).get((task.id, "label")) or task.title
    return f'<b dir="auto">{esc(title)}</b>{area}'


# -- phone -------------------------------------------------------------------------------
class RulesVoteView:
    """A participant's vote, one open task at a time (26 tasks with four full-width buttons
    each were 18 screens of scrolling): where they are ("Task 3 of 26"), how many they have
    answered, the task with its four choices (the chosen one marked; tap it again to take
    the vote back), previous and next. A vote moves on to the next task still unanswered.
    The agreed house rules below."""

    def __init__(self, on_vote: Callable[[str, str | None], None]) -> None:
        self.on_vote = on_vote
        self.language = "da"
        self.intro = html_text("", "kit-hint")
        self.progress = w.HTML()
        self.card = _VoteCard(self)
        self.previous = w.Button(layout=w.Layout(width="auto"))
        self.next = w.Button(layout=w.Layout(width="auto"))
        self.previous.on_click(lambda _: self.step(-1))
        self.next.on_click(lambda _: self.step(1))
        self.nav = w.HBox([self.previous, self.next])
        self.nav.add_class("kit-rules-nav")
        self.rules = w.HTML()
        self.root = w.VBox([self.intro, self.progress, self.card.root, self.nav, self.rules])
        self.root.add_class("kit-rules-phone")
        self.open: list[RuleTask] = []
        self.mine: dict[str, str] = {}
        self.current: str | None = None
        self.translated: Translated = {}

    def render(self, tasks: list[RuleTask], mine: dict[str, str], rules: list[HouseRule],
               language: str, translated: Translated | None = None) -> None:
        self.language = language
        self.translated = translated or {}
        self.open = [x for x in tasks if not x.settled]
        self.mine = {k: v for k, v in mine.items() if any(x.id == k for x in self.open)}
        ids = [x.id for x in self.open]
        if self.current not in ids:  # the first time, or the task shown was settled
            self.current = next((i for i in ids if i not in self.mine), ids[0] if ids else None)
        self.rules.value = house_rules_html(rules, language, translated=self.translated)
        self._draw()

    def step(self, delta: int) -> None:
        ids = [x.id for x in self.open]
        if self.current in ids:
            at = min(max(ids.index(self.current) + delta, 0), len(ids) - 1)
            self.current = ids[at]
            self._draw()

    def vote(self, task_id: str, division: str | None) -> None:
        done = guarded(lambda: self.on_vote(task_id, division), self.card.message,
                       self.language)
        if done and division is not None:
            # on to the next task not yet answered (after this one, then from the start)
            ids = [x.id for x in self.open]
            at = ids.index(task_id) if task_id in ids else 0
            later = ids[at + 1:] + ids[:at]
            self.current = next((i for i in later if i not in self.mine), self.current)
            self._draw()

    def _draw(self) -> None:
        L, ids = self.language, [x.id for x in self.open]
        # the question and how to vote are the page's hint above (GroundRulesPhone.hint)
        set_html_text(self.intro, "" if ids else t("rules.phone_none", L), "kit-hint")
        shown = None if self.current is None else self.open[ids.index(self.current)]
        for part in (self.progress, self.card.root, self.nav):
            part.layout.display = None if shown else "none"
        if shown is None:
            self.progress.value = ""
            return
        at, total, answered = ids.index(shown.id) + 1, len(ids), len(self.mine)
        words = t("rules.progress", L, n=at, total=total, done=answered)
        if answered == total:
            words = f"{words} · {t('rules.all_answered', L)}"
        self.progress.value = (
            f'<div class="kit-progress-words">{esc(words)}</div>'
            f'<div class="kit-progress" role="progressbar" aria-valuemin="0" '
            f'aria-valuemax="{total}" aria-valuenow="{answered}">'
            f'<i style="width:{100 * answered / total:.0f}%"></i></div>')
        self.card.update(shown, self.mine.get(shown.id), L, self.translated)
        self.previous.description = t("rules.previous", L)
        self.next.description = t("rules.next", L)
        self.previous.disabled = at == 1
        self.next.disabled = at == total


class _VoteCard:
    """The task shown and its four choices; each choice a toggle (`kit-choice`, and
    `kit-chosen` when it is this participant's: the page turns that into aria-pressed)."""

    def __init__(self, view: RulesVoteView) -> None:
        self.task_id: str | None = None
        self.mine: str | None = None
        self.label = w.HTML()
        self.buttons = {d: w.Button(layout=w.Layout(width="100%")) for d in Division}
        for d, button in self.buttons.items():
            button.add_class("kit-choice")
            button.on_click(lambda _, d=d: None if self.task_id is None else view.vote(
                self.task_id, None if self.mine == d.value else d.value))
        self.message = html_text("", "kit-error")
        self.root = w.VBox([self.label, *self.buttons.values(), self.message])
        self.root.add_class("kit-theme-box")

    def update(self, task: RuleTask, mine: str | None, language: str,
               translated: Translated | None = None) -> None:
        if task.id != self.task_id:
            set_html_text(self.message, "", "kit-error")
        self.task_id, self.mine = task.id, mine
        self.label.value = _task_label(task, language, translated)
        for d, button in self.buttons.items():
            chosen = mine == d.value
            button.description = ("✓ " if chosen else "") + t(d.key, language)
            button.button_style = "primary" if chosen else ""
            if chosen:
                button.add_class("kit-chosen")
            else:
                button.remove_class("kit-chosen")


def house_rules_html(rules: list[HouseRule], language: str, paged: bool = False,
                     translated: Translated | None = None) -> str:
    """The agreed house rules as a list (the drafts are the facilitator's until agreed),
    each in `language` where translated; `paged`: the board turns its pages when they do not
    fit."""
    agreed = [r for r in rules if r.agreed]
    if not agreed:
        return ""
    words = translated or {}
    items = "".join(f'<li><b>{esc(t(r.kind.key, language))}</b> '
                    f'<span dir="auto">{esc(words.get((r.id, "label")) or r.text)}</span></li>'
                    for r in agreed)
    pages = " kit-pages" if paged else ""
    return (f'<h3>{esc(t("rules.house_rules", language))}</h3>'
            f'<ul class="kit-house-rules{pages}">{items}</ul>')


# -- board -------------------------------------------------------------------------------
def split_html(tally: TaskTally, language: str) -> str:
    """The room's votes on one task as one bar in up to four parts with their counts; the
    colours are explained once, by `legend_html` (a name in each part was cut off in the
    narrow ones), and each part's name is its tooltip."""
    if not tally.total:
        # a line of its own, as the bar is (inline it ran into the title: "SprogIngen …")
        return f'<div class="kit-muted kit-split-none">{esc(t("rules.no_votes", language))}</div>'
    parts = "".join(
        f'<span class="kit-split-part" style="flex:{n};background:{COLOURS[d]}" '
        f'title="{esc(t(d.key, language))}">{n}</span>'
        for d, n in tally.counts.items() if n)
    return f'<div class="kit-split">{parts}</div>'


def legend_html(language: str) -> str:
    """What each colour of the board's bars stands for (the bars carry only counts)."""
    return '<div class="kit-split-legend">' + "".join(
        f'<span><i style="background:{COLOURS[d]}"></i>{esc(t(d.key, language))}</span>'
        for d in Division) + "</div>"


def board_html(tasks: list[RuleTask], tallies: dict[str, TaskTally],
               rules: list[HouseRule], language: str) -> str:
    """Per task: its title, the room's split and whether the room agrees, disagrees or the
    facilitator has settled it; then the agreed house rules."""
    L = language
    out = []
    for task in tasks:
        tally = tallies[task.id]
        if task.settled:
            verdict = t("rules.settled_as", L, division=t(Division(task.settled).key, L))
            css = "kit-ok"
        elif tally.disputed:
            verdict, css = t("rules.disputed", L), "kit-unmet"
        elif tally.total:
            verdict, css = t("rules.agreed", L), "kit-ok"
        else:
            verdict, css = "", "kit-muted"
        out.append(f'<div class="kit-theme-box kit-rule-task">{_task_label(task, L)}'
                   f'{split_html(tally, L)}<div class="{css}">{esc(verdict)}'
                   "</div></div>")
    empty = f'<p class="kit-muted">{esc(t("rules.no_tasks", L))}</p>' if not tasks else ""
    # two columns, each list last in its own, so the board's pager measures each alone
    return (f'<div class="kit-rules-board"><div>{empty}{legend_html(L)}'
            '<div class="kit-theme-grid kit-pages">' + "".join(out) + "</div></div>"
            f'<div class="kit-rules-side">{house_rules_html(rules, L, paged=True)}</div></div>')


# -- facilitator -------------------------------------------------------------------------
class RulesTools:
    """The facilitator's ground rules: take the tasks over from the timeline or add one,
    settle each after the room's vote, and draft, edit and agree the house rules."""

    def __init__(self, workshop_getter: Callable[[], Workshop],
                 after: Callable[[], None]) -> None:
        self._w, self.after = workshop_getter, after
        self.language = "da"
        self.guide = html_text("", "kit-muted")
        self.import_cards = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.new_task = w.Text(layout=w.Layout(width="24rem"))
        self.add_task = w.Button(layout=w.Layout(width="auto"))
        self.message = html_text("", "kit-error")
        self.task_box = w.VBox()
        self.tasks: Rows[str, _SettleRow] = Rows(self.task_box, lambda key: _SettleRow(self, key))
        self.draft = w.Button(layout=w.Layout(width="auto"))
        self.new_rule = w.Textarea(layout=w.Layout(width="30rem", height="4rem"))
        self.add_rule = w.Button(layout=w.Layout(width="auto"))
        self.rule_box = w.VBox()
        self.rules: Rows[str, _RuleRow] = Rows(self.rule_box, lambda key: _RuleRow(self, key))
        # a delete waits beside "Fortryd" for a while before it is stored (issue 29)
        self.toast = UndoToast(after=lambda: self.render(self.language))
        self.import_cards.on_click(lambda _: self.act(lambda w_: w_.ground_rules.import_cards()))
        self.add_task.on_click(lambda _: self._add_task())
        self.draft.on_click(lambda _: self.act(
            lambda w_: w_.ground_rules.draft_house_rules(self.language)))
        self.add_rule.on_click(lambda _: self._add_rule())
        self.tasks_title, self.rules_title = w.HTML(), w.HTML()
        self.root = w.VBox([self.guide, self.tasks_title,
                            w.HBox([self.import_cards, self.new_task, self.add_task]),
                            self.message, self.toast.root, self.task_box, self.rules_title,
                            self.draft, self.rule_box, w.HBox([self.new_rule, self.add_rule])])

    def act(self, action: Callable[[Workshop], object]) -> bool:
        done = guarded(lambda: action(self._w()), self.message, self.language)
        if done:
            self.after()
        return done

    def remove(self, item_id: str, what: str,
               action: Callable[[Workshop], object]) -> None:
        """Hide a task or house rule at once; delete it when the toast's time is up, unless
        "Fortryd" is pressed first."""
        workshop = self._w()
        self.toast.delete(item_id, what, lambda: action(workshop), self.language)

    def _add_task(self) -> None:
        if self.act(lambda w_: w_.ground_rules.add_task(self.new_task.value)):
            self.new_task.value = ""

    def _add_rule(self) -> None:
        if self.act(lambda w_: w_.ground_rules.add_house_rule(self.new_rule.value)):
            self.new_rule.value = ""

    def render(self, language: str) -> None:
        self.language = L = language
        store = self._w().ground_rules
        tasks = store.tasks()
        tallies = store.tally(tasks)
        set_html_text(self.guide, t("rules.facilitator_intro", L), "kit-muted")
        self.tasks_title.value = f"<h3>{esc(t('rules.tasks', L))}</h3>{legend_html(L)}"
        self.rules_title.value = f"<h3>{esc(t('rules.house_rules', L))}</h3>"
        self.import_cards.description = t("rules.import_cards", L)
        self.add_task.description = t("rules.add_task", L)
        self.new_task.placeholder = t("rules.new_task", L)
        self.draft.description = t("rules.draft_rules", L)
        self.add_rule.description = t("rules.add_rule", L)
        hidden = self.toast.hidden
        self.tasks.show(((x.id, (x, tallies[x.id])) for x in tasks if x.id not in hidden), L)
        self.rules.show(((r.id, r) for r in store.house_rules() if r.id not in hidden), L)


class _SettleRow:
    def __init__(self, tools: RulesTools, task_id: str) -> None:
        self.label, self.split = w.HTML(), w.HTML()
        self.settle = w.Dropdown(layout=w.Layout(width="16rem"))
        # a quiet button: one per task, so a red one on every row would shout
        self.delete = w.Button(icon="trash", layout=w.Layout(width="auto"))
        self._quiet = False
        self.settle.observe(lambda c: None if self._quiet else tools.act(
            lambda w_: w_.ground_rules.settle(task_id, c["new"] or None)), "value")
        self.title = ""
        self.delete.on_click(lambda _: tools.remove(
            task_id, self.title, lambda w_: w_.ground_rules.delete_task(task_id)))
        self.root = w.VBox([self.label, self.split, w.HBox([self.settle, self.delete])])
        self.root.add_class("kit-theme-box")

    def update(self, data: tuple[RuleTask, TaskTally], language: str) -> None:
        task, tally = data
        self.title = task.title
        self.label.value = _task_label(task, language)
        self.split.value = split_html(tally, language)
        self._quiet = True  # the store's value shown, not a facilitator's choice
        try:
            set_options(self.settle, [(t("rules.open", language), ""),
                                      *((t(d.key, language), d.value) for d in Division)])
            self.settle.value = task.settled
        finally:
            self._quiet = False
        self.delete.description = t("rules.delete", language)


class _RuleRow:
    def __init__(self, tools: RulesTools, rule_id: str) -> None:
        self.kind = w.HTML()
        self.text = w.Textarea(layout=w.Layout(width="30rem", height="4rem"))
        self.agreed = w.Checkbox(indent=False)
        self.fields = Fields(text=self.text, agreed=self.agreed)
        self.save = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.delete = w.Button(button_style="danger", layout=w.Layout(width="auto"))

        def save() -> None:
            values = self.fields.values()
            if tools.act(lambda w_: w_.ground_rules.update_house_rule(
                    rule_id, values["text"], values["agreed"])):
                self.fields.saved()

        self.save.on_click(lambda _: save())
        self.delete.on_click(lambda _: tools.remove(
            rule_id, self.text.value[:60], lambda w_: w_.ground_rules.delete_house_rule(rule_id)))
        self.root = w.VBox([self.kind, self.text, w.HBox([self.agreed, self.save, self.delete])])
        self.root.add_class("kit-theme-box")

    def update(self, rule: HouseRule, language: str) -> None:
        self.kind.value = f"<b>{esc(t(rule.kind.key, language))}</b>"
        self.fields.load({"text": rule.text, "agreed": rule.agreed}, rule.id)
        self.agreed.description = t("rules.agreed_box", language)
        self.save.description = t("rules.save", language)
        self.delete.description = t("rules.delete", language)
