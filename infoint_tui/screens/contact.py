"""One contact: every field, and the timeline of what happened with them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..core.contacts import pipeline
from ..core.contacts.advice import TOP_TITLES, at_the_top, one_step_down
from ..core.contacts.followups import due_reason
from ..core.contacts.model import CONTACT_FIELDS, Contact
from ..core.contacts.referrals import introduced, referrer_of
from ..core.contacts.when import describe
from ..core.dates import WEEKENDS_ONLY, BusinessDays
from ..core.exchange.identity import Known, known_at, known_line
from ..core.exchange.people import Person, person_named
from ..core.fields import display_value
from ..core.session.session import SessionEvent
from ..core.text import strip_controls
from ..keys import (
    ASK_REFERRAL,
    BACK,
    CANCEL_MEETING,
    DELETE_CONTACT,
    EDIT_CONTACT,
    INTERVIEW,
    LOG,
    MERGE_CONTACT,
    MOVE_BACK,
    MOVE_ON,
    OPEN_REFERRER,
    PAST_INTERVIEWS,
    QUESTIONS,
    REDO,
    SCHEDULE,
    UNDO,
    WRITE,
    bindings,
)
from ..modals.contact_form import ContactForm
from ..modals.record_form import FormValues
from ..paths import style_path
from ..shell import ContactPlace
from ..widgets.keybar import KeyBar
from ..widgets.status import StatusLine
from .questions import QuestionsScreen

# The booked time and place read as one "Meeting" line (the form edits them apart).
SHOWN_AS_MEETING = frozenset({"interview_at", "meeting_place"})


def contact_details(
    contact: Contact,
    calendar: BusinessDays = WEEKENDS_ONLY,
    *,
    known: Sequence[Known] = (),
    top_titles: Sequence[str] = TOP_TITLES,
    everyone: Sequence[Contact] = (),
    people: Iterable[Person] = (),
) -> Table:
    """Every field; ``known``: the others the user knows at their company;
    ``everyone``: the contacts, for who referred them and whom they introduced;
    ``people``: the network, for a referrer who is only there."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    table.add_row("Stage", Text(contact.stage.label))
    if at_the_top(contact.title, top_titles):
        note = one_step_down(contact.name, contact.company)
        down = ": below, who you know there (A asks one of them to refer you)" if known else ""
        table.add_row("Advice", Text(strip_controls(f"{note}{down}"), style="italic"))

    if contact.interview_at is not None:
        meeting = describe(contact.interview_at, contact.meeting_place)
        table.add_row("Meeting", Text(f"◆ {strip_controls(meeting)}", style="bold"))
    for spec in CONTACT_FIELDS[1:]:
        if spec.name in SHOWN_AS_MEETING:
            continue
        value = display_value(getattr(contact, spec.name))
        if spec.name == "referrer" and value:
            referrer = referrer_of(contact, everyone)
            if referrer is not None:
                value = f"{value}  (#{referrer.id}, R opens)"
            elif person_named(value, people) is not None:
                value = f"{value}  (in your network: R adds them)"
        if spec.name == "follow_up" and value:
            reason = due_reason(contact, calendar)  # a public holiday moved it
            value = f"{value} ({reason})" if reason else value
        table.add_row(
            spec.label,
            Text(strip_controls(value, multiline=True)) if value else Text("—", style="dim"),
        )
        if spec.name == "referrer" and (referred := introduced(contact, everyone)):
            names = ", ".join(other.name for other in referred)
            table.add_row("Introduced you to", Text(strip_controls(names)))
    return table


def people_here(contact: Contact, known: Sequence[Known]) -> Text:
    """Who to ask at their company: the people the user knows there, below the
    timeline (network people appear once the network has been read)."""
    if not contact.company or not known:
        return Text("")
    text = Text(f"\nYou also know at {strip_controls(contact.company)}\n", style="bold underline")
    for person in known:
        text.append(f"  {strip_controls(known_line(person))}\n", style="")
    return text


def timeline_table(contact: Contact) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for when, kind, text in pipeline.timeline(contact):
        table.add_row(
            f"{when.astimezone():%Y-%m-%d %H:%M}", kind, Text(strip_controls(text, multiline=True))
        )
    return table


class ContactScreen(ContactPlace):
    CSS_PATH = style_path("contact.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        BACK,
        EDIT_CONTACT,
        INTERVIEW,
        QUESTIONS,
        LOG,
        WRITE,
        MOVE_BACK,
        MOVE_ON,
        SCHEDULE,
        CANCEL_MEETING,
        PAST_INTERVIEWS,
        OPEN_REFERRER,
        ASK_REFERRAL,
        DELETE_CONTACT,
        MERGE_CONTACT,
        UNDO,
        REDO,
    )

    NAME = "Contact"

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.status = StatusLine()
        self._unlisten: object = None

    @property
    def contact(self) -> Contact | None:
        return self.app.session.contacts.get(self.contact_id)

    def compose(self) -> ComposeResult:
        yield Static(id="contact-title")
        with VerticalScroll(id="contact-body"):
            yield Static(id="contact-fields")
            yield Static(Text("Timeline", style="bold underline"), id="timeline-title")
            yield Static(id="contact-timeline")
            yield Static(id="contact-people")
        yield self.status
        yield KeyBar()

    def on_mount(self) -> None:
        self._unlisten = self.app.session.listen(self._on_session_event)
        self._show()
        contact = self.contact
        if contact is not None and contact.company and not self.app.session.network.loaded:
            self.app.read_network()  # who you know at their company, from the network too

    def on_unmount(self) -> None:
        if callable(self._unlisten):
            self._unlisten()

    def _on_session_event(self, event: SessionEvent) -> None:
        self._show()
        self.status.show_event(event, self.app.session.save_error)

    def _show(self) -> None:
        contact = self.contact
        if contact is None:
            self.query_one("#contact-title", Static).update(Text("This contact was deleted"))
            self.query_one("#contact-fields", Static).update("")
            self.query_one("#contact-timeline", Static).update("")
            self.query_one("#contact-people", Static).update("")
            return
        title = Text(contact.name, style="bold")
        title.append(f"  #{contact.id} · {contact.stage.label}", style="dim")
        self.query_one("#contact-title", Static).update(title)
        session = self.app.session
        people = session.network.all().values() if session.network.loaded else ()
        known = known_at(contact.company, session.contacts.values(), people, besides=contact.id)
        details = contact_details(
            contact,
            session.settings.rules.calendar,
            known=known,
            top_titles=session.settings.top_titles,
            everyone=list(session.contacts.values()),
            people=people,
        )
        self.query_one("#contact-fields", Static).update(details)
        self.query_one("#contact-people", Static).update(people_here(contact, known))
        self.query_one("#contact-timeline", Static).update(timeline_table(contact))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        contact = self.contact
        if action in ("edit", "delete", "move", "merge") and contact is None:
            return None
        # Moving past the first or last stage is not greyed: it says so, as on the board.
        return True

    def action_edit(self) -> None:
        contact = self.contact
        if contact is None:
            return

        def edited(values: FormValues | None) -> None:
            if values is not None:
                self.app.session.edit_contact(contact, values)

        people = self.app.session.people_names()
        self.app.navigator.ask(
            ContactForm(contact, people=people, top_titles=self.app.session.settings.top_titles),
            edited,
        )

    def action_move(self, delta: int) -> None:
        if self.contact is not None:
            self.app.move_contact(self.contact_id, delta, self.status.say)

    def action_schedule(self) -> None:
        if self.contact is not None:
            self.app.schedule_meeting(self.contact_id, self.status.say)

    def action_cancel_meeting(self) -> None:
        if self.contact is not None:
            self.app.cancel_meeting(self.contact_id, self.status.say)

    def action_delete(self) -> None:
        if self.contact is not None:
            self.app.confirm_delete(self.contact_id, then=self.dismiss_screen)

    def action_merge(self) -> None:
        if self.contact is not None:
            self.app.merge_contact(self.contact_id, self.status.say)

    def dismiss_screen(self) -> None:
        self.app.navigator.back(self)

    def action_log(self) -> None:
        if self.contact is not None:
            self.app.log_interaction(self.contact_id)

    def action_write(self) -> None:
        if self.contact is not None:
            self.app.open_letter(self.contact_id)

    def action_open_referrer(self) -> None:
        if self.contact is not None:
            self.app.open_referrer(self.contact_id, self.status.say)

    def action_ask_referral(self) -> None:
        if self.contact is not None:
            self.app.ask_for_referral(self.contact_id, self.status.say)

    def network_changed(self) -> None:
        self._show()

    def action_past_interviews(self) -> None:
        from .interview_page import InterviewPageScreen

        if self.contact is not None:
            self.app.navigator.open(InterviewPageScreen(self.contact_id))

    def action_questions(self) -> None:
        if self.contact is not None:
            self.app.navigator.open(QuestionsScreen(self.contact_id))

    def action_interview(self) -> None:
        if self.contact is not None:
            self.app.open_interview(self.contact_id)
