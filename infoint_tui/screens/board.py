"""The pipeline board: a lane per stage, cards moved across stages from the keyboard."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import Input, Static

from ..core.contacts import pipeline
from ..core.contacts.board import BoardState, counts, neighbours
from ..core.contacts.model import Contact, Stage
from ..core.session.session import SessionEvent
from ..keys import (
    CANCEL_MEETING,
    DELETE_CONTACT,
    FILTER,
    INTERVIEW,
    LIST_KEYS,
    MOVE_BACK,
    MOVE_ON,
    NEW_CONTACT,
    OPEN_CONTACT,
    ORDER_DOWN,
    ORDER_UP,
    REDO,
    SCHEDULE,
    UNDO,
    WRITE,
    Command,
    bindings,
)
from ..shell import Place
from ..widgets.keybar import KeyBar
from ..widgets.lane import Lane
from ..widgets.stage_tabs import StageTabs
from ..widgets.status import StatusLine

LANE_MIN_WIDTH = 24
NARROW_WIDTH = 60


LANE_KEYS = (
    Command("board.column_prev", "left,h", "column(-1)", "Previous lane"),
    Command("board.column_next", "right,l", "column(1)", "Next lane"),
)
BOARD_ONLY = (
    Command("board.clear_filter", "escape", "clear_filter", "Clear filter"),
    Command(
        "board.toggle_closed",
        "c",
        "toggle_closed",
        "Closed lane",
        "Show or hide the Closed lane",
        palette="Show or hide the Closed lane",
    ),
    Command("board.retry_save", "r", "retry_save", "Retry save", "Try the failed save again"),
    *(
        Command(f"board.jump_{n}", str(n), f"jump({n})", f"Stage {n}")
        for n in range(1, len(Stage) + 1)
    ),
)


class BoardScreen(Place):
    """Every binding has an id so it can be remapped in settings.toml (keys.py)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        *LANE_KEYS,
        *LIST_KEYS,
        MOVE_BACK,
        MOVE_ON,
        ORDER_UP,
        ORDER_DOWN,
        NEW_CONTACT,
        OPEN_CONTACT,
        DELETE_CONTACT,
        UNDO,
        REDO,
        FILTER,
        INTERVIEW,
        WRITE,
        SCHEDULE.hidden(),
        CANCEL_MEETING,
        *BOARD_ONLY,
    )

    AUTO_FOCUS = ""  # keys go to the board; the filter box takes focus only on /
    NAME = "Board"

    def __init__(self) -> None:
        super().__init__()
        self.board = BoardState({})
        # Only as many lane widgets as fit (three at 80 columns), each showing
        # whichever stage the window puts there: fewer widgets to style at start,
        # and moving the window repaints lanes instead of laying out the screen.
        self.slots: list[Lane] = []
        self.tabs = StageTabs()
        self.status = StatusLine()
        self.filter_input = Input(
            placeholder="filter: name, company, title, tags, notes", id="filter"
        )
        self._window = 0
        self._visible: tuple[Stage, ...] = ()
        self._unlisten: object = None
        self._last_bindings_state: tuple[object, ...] = ()

    # -- building -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self._title_text(), id="title")
        yield self.tabs
        stages = self.board.stages
        self.slots = [Lane(stage) for stage in stages[: self._lanes_for(self.app.size.width)]]
        with Horizontal(id="lanes"):
            yield from self.slots
        yield self.filter_input
        yield self.status
        yield KeyBar()

    def on_mount(self) -> None:
        session = self.app.session
        self.board = BoardState(session.contacts)
        self.filter_input.display = False
        self._unlisten = session.listen(self._on_session_event)
        self._layout()
        self._render_all()

    def on_unmount(self) -> None:
        if callable(self._unlisten):
            self._unlisten()

    def _title_text(self) -> Text:
        title = Text("infoint", style="bold")
        title.append(" · Pipeline")
        if getattr(self.app, "demo", False):
            title.append("  [demo data: changes vanish on quit]", style="italic")
        if self.app.session.read_only:
            title.append("  [read-only: nothing can be saved]", style="bold")
        return title

    # -- layout and drawing ---------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        self._layout()
        self._render_all()

    @property
    def lanes(self) -> dict[Stage, Lane]:
        """The lane widget showing each visible stage."""
        return {lane.stage: lane for lane in self.slots[: len(self._visible)]}

    def _lanes_for(self, width: int) -> int:
        stages = len(self.board.stages)
        return 1 if width < NARROW_WIDTH else max(1, min(stages, width // LANE_MIN_WIDTH))

    def _layout(self) -> None:
        width = self.size.width or self.app.size.width or 80
        stages = self.board.stages
        per = self._lanes_for(width)
        position = stages.index(self.board.stage)
        if position < self._window:
            self._window = position
        elif position >= self._window + per:
            self._window = position - per + 1
        self._window = max(0, min(self._window, len(stages) - per))
        visible = stages[self._window : self._window + per]
        if len(self.slots) != per:
            self._set_slot_count(per)
        if visible != self._visible:
            self._visible = visible
            for lane, stage in zip(self.slots, visible, strict=False):
                if lane.stage is not stage:
                    lane.stage = stage
                    lane.cards.scroll_to(y=0, animate=False, immediate=True)
            self.set_class(per == 1, "-narrow")

    def _set_slot_count(self, count: int) -> None:
        """The terminal was resized: add or remove lane widgets (then redraw)."""
        container = self.query_one("#lanes", Horizontal)
        while len(self.slots) > count:
            self.slots.pop().remove()
        new = [Lane(self.board.stage) for _ in range(count - len(self.slots))]
        if new:
            self.slots.extend(new)
            container.mount_all(new)
            self._visible = ()
            self.call_after_refresh(self._redraw_everything)

    def _redraw_everything(self) -> None:
        self._visible = ()
        self._layout()
        self._render_all()

    def _render_all(self) -> None:
        for stage in self._visible:
            self._render_lane(stage)
        self._render_tabs()

    def _render_lane(self, stage: Stage) -> None:
        lane = self.lanes[stage]
        cards = self.board.lane(stage)
        active = stage is self.board.stage
        selected = self.board.selected_index(stage) if active and cards else None
        lane.cards.empty_text = "(no match)" if self.board.filter_text else "(empty)"
        lane.show(cards, selected, self.app.session.today(), length=self.board.shown(stage))
        self._header(stage)

    def _header(self, stage: Stage) -> None:
        lane = self.lanes[stage]
        active = stage is self.board.stage
        cards = self.board.lane(stage)
        number = self.board.stages.index(stage) + 1 if stage in self.board.stages else 0
        index = self.board.selected_index(stage)
        scrolled = active and cards and lane.cards.scroll_offset.y > 0
        at = index if scrolled else None
        lane.set_header(
            number, self.board.shown(stage), self.board.total(stage), active=active, at=at
        )

    def _render_tabs(self) -> None:
        shown = {stage: self.board.shown(stage) for stage in Stage}
        self.tabs.show(
            self.board.stages, shown, self.board.stage, self._visible, self.size.width or 80
        )

    def _after_stage_change(self, previous: Stage) -> None:
        window_before = self._visible
        self._layout()
        if self._visible != window_before:
            self._render_all()
            return
        # The cards did not change: move the highlight and the header mark only.
        for stage in (previous, self.board.stage):
            lane = self.lanes[stage]
            active = stage is self.board.stage
            cards = self.board.lane(stage)
            lane.cards.select(self.board.selected_index(stage) if active and cards else None)
            self._header(stage)
        self._render_tabs()

    # -- session events ---------------------------------------------------------------
    def _on_session_event(self, event: SessionEvent) -> None:
        change_set = event.change_set
        if change_set is not None:
            touched = {self.board.stage}
            for change in change_set.changes:
                shown = self.board.contacts.get(change.contact_id)
                for contact in (change.before, change.after, shown):
                    if contact is not None:
                        touched.add(contact.stage)
            self.board.apply(change_set)
            if event.select is not None:
                self.board.select_contact(event.select)
            touched.add(self.board.stage)
            self._redraw(touched)
        elif event.reload:
            # Another process changed the data, or the full read followed the
            # first screen: adopt it all.
            self.board.sync(self.app.session.contacts)
            if event.select is not None:
                self.board.select_contact(event.select)
            self._visible = ()
            self._layout()
            self._render_all()
            self._show_title()  # the full read may have found the data read-only
        self.status.show_event(event, self.app.session.save_error)
        self._refresh_bindings_if_changed()

    def _redraw(self, stages: set[Stage]) -> None:
        """Repaint only the lanes a change touched (the rest of the screen stays)."""
        window = self._visible
        self._layout()
        if self._visible != window:
            self._render_all()
            return
        for stage in self._visible:
            if stage in stages:
                self._render_lane(stage)
        self._render_tabs()

    def _bindings_state(self) -> tuple[object, ...]:
        selected = self.board.selected()
        history = self.app.session.history
        return (selected is None, history.can_undo, history.can_redo)

    def _refresh_bindings_if_changed(self) -> None:
        """The footer greys out impossible keys; refreshing it repaints and relays the
        screen, so only do it when one of those answers actually changed."""
        state = self._bindings_state()
        if state != self._last_bindings_state:
            self._last_bindings_state = state
            self.refresh_bindings()

    # -- actions ------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        selected = self.board.selected()
        if action in ("open", "delete", "interview", "write") and selected is None:
            return None
        # Moving past the first or last stage is not greyed out: it says so instead.
        # Greying it would redraw the footer (and the whole screen) on every move
        # in and out of an end lane, which over SSH costs far more than it tells.
        if action == "move" and selected is None:
            return None
        if action == "undo":
            return True if self.app.session.history.can_undo else None
        if action == "redo":
            return True if self.app.session.history.can_redo else None
        return True

    def action_column(self, delta: int) -> None:
        previous = self.board.stage
        if self.board.move_stage(delta):
            self._after_stage_change(previous)
            self._refresh_bindings_if_changed()

    def action_jump(self, number: int) -> None:
        previous = self.board.stage
        if self.board.jump(number):
            self._after_stage_change(previous)
            self._refresh_bindings_if_changed()
        else:
            self.status.say(f"There is no stage {number}")

    def action_cursor(self, delta: int) -> None:
        if self.board.move_cursor(delta):
            self._show_cursor()

    def action_page(self, delta: int) -> None:
        lane = self.lanes[self.board.stage].cards
        page = max(1, (lane.size.height // 2) - 1)
        if self.board.move_cursor(delta * page):
            self._show_cursor()

    def action_edge(self, end: int) -> None:
        self.board.cursor_to(len(self.board.lane(self.board.stage)) - 1 if end else 0)
        self._show_cursor()

    def _show_cursor(self) -> None:
        stage = self.board.stage
        self.lanes[stage].cards.select(self.board.selected_index(stage))
        self._header(stage)
        self._refresh_bindings_if_changed()

    def action_move(self, delta: int) -> None:
        contact = self.board.selected()
        if contact is not None:
            self.app.move_contact(contact.id, delta, self.status.say)

    def action_schedule(self) -> None:
        contact = self.board.selected()
        if contact is not None:
            self.app.schedule_meeting(contact.id, self.status.say)

    def action_cancel_meeting(self) -> None:
        contact = self.board.selected()
        if contact is not None:
            self.app.cancel_meeting(contact.id, self.status.say)

    def action_reorder(self, delta: int) -> None:
        stage = self.board.stage
        pair = neighbours(self.board.lane(stage), self.board.selected_index(stage), delta)
        if pair is None:
            return
        change = pipeline.swap_change(*pair, now=self.app.session.now())
        self.app.session.perform(change, select=pair[0].id)

    def action_new(self, typed: dict[str, str] | None = None) -> None:
        """The new-contact form; someone who seems to be in the pipeline already
        is named, and added only after a yes (a no reopens the form as typed)."""
        stage = self.board.stage
        session = self.app.session

        def add(values: dict[str, str], chosen: Stage) -> None:
            contact = session.new_contact(values, chosen)
            session.add_contact(contact)
            self.status.say(f"Adding {contact.name}…")

        def created(values: dict[str, str] | None) -> None:
            if values is None:
                return
            chosen = Stage.parse(values.pop("stage", stage.value))
            contact = session.new_contact(values, chosen)
            found = matches(Candidate.of_contact(contact), session.contacts.values())
            if not found:
                add(values, chosen)
                return

            def answered(yes: bool | None) -> None:
                if yes:
                    add(values, chosen)
                else:
                    self.action_new({**values, "stage": chosen.value})

            self.app.navigator.ask(
                ConfirmModal(
                    f"Add {contact.name} anyway?",
                    f"{duplicate_warning(found)}. No goes back to the form; "
                    "M on a contact merges two records.",
                ),
                answered,
            )

        # On first use: a faster start.
        from ..core.exchange.identity import Candidate, duplicate_warning, matches
        from ..modals.confirm import ConfirmModal
        from ..modals.contact_form import ContactForm

        chosen_stage = Stage.parse(typed.pop("stage")) if typed and "stage" in typed else stage
        form = ContactForm(
            None,
            stage=chosen_stage,
            typed=typed,
            people=session.people_names(),
            top_titles=session.settings.top_titles,
        )
        self.app.navigator.ask(form, created)

    def action_open(self) -> None:
        contact = self.board.selected()
        if contact is not None:
            self.app.open_contact(contact.id)

    def action_delete(self) -> None:
        contact = self.board.selected()
        if contact is not None:
            self.app.confirm_delete(contact.id)

    def action_write(self) -> None:
        contact = self.board.selected()
        if contact is not None:
            self.app.open_letter(contact.id)

    def action_interview(self) -> None:
        contact = self.board.selected()
        if contact is not None:
            self.app.open_interview(contact.id)

    def editing_keys(self) -> tuple[tuple[str, str], ...]:
        """The key line while typing a filter (see KeyBar)."""
        if self.filter_input.has_focus:
            return (("enter", "Back to the cards, filtered"), ("esc", "Clear the filter"))
        return ()

    def action_filter(self) -> None:
        self.filter_input.display = True
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        if not self.board.filter_text and not self.filter_input.display:
            return
        self.filter_input.value = ""
        self.filter_input.display = False
        self.set_focus(None)
        self._apply_filter("")

    def action_toggle_closed(self) -> None:
        self.board.set_show_closed(not self.board.show_closed)
        self._visible = ()
        self._layout()
        self._render_all()
        shown = "shown" if self.board.show_closed else "hidden"
        self.status.say(f"Closed lane {shown} (c)")

    def action_retry_save(self) -> None:
        self.app.session.retry()
        self.status.say("Retrying the save…")

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._apply_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.filter_input.display = False
        self.set_focus(None)

    def _apply_filter(self, text: str) -> None:
        selected = self.board.selected()
        self.board.set_filter(text)
        if selected is not None:
            self.board.select_contact(selected.id)
        self._render_all()
        self._show_title()
        self._refresh_bindings_if_changed()

    def _show_title(self) -> None:
        label = self._title_text()
        if self.board.filter_text.strip():
            label.append(f"  filter: {self.board.filter_text.strip()}", style="bold")
        self.query_one("#title", Static).update(label, layout=False)

    # -- for the app and tests -----------------------------------------------------------
    def filter_to(self, text: str) -> None:
        """Filter the board from elsewhere (a company chosen on the Companies screen)."""
        self.filter_input.display = True
        self.filter_input.value = text
        self.set_focus(None)
        self._apply_filter(text)

    def select_contact(self, contact_id: int) -> None:
        if self.board.select_contact(contact_id):
            self._visible = ()
            self._layout()
            self._render_all()

    def counts(self) -> dict[Stage, int]:
        return counts(self.board.contacts.values())

    def visible_stages(self) -> tuple[Stage, ...]:
        return self._visible

    def selected_contact(self) -> Contact | None:
        return self.board.selected()
