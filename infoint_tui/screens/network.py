"""The network: everyone imported, searchable, promoted to the pipeline with one key."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, Static

from ..core.exchange import Person, Promoted, company_key
from ..core.exchange.identity import Candidate, matches
from ..core.text import fold
from ..keys import BACK, FILTER, IMPORT, LIST_KEYS, NETWORK, OPEN_CONTACT, Command, bindings
from ..modals.choice import ChoiceModal
from ..modals.prompt import PromptModal
from ..paths import style_path
from ..shell import Place
from ..widgets.keybar import KeyBar
from ..widgets.people_list import PeopleList, PeopleRow
from ..widgets.status import StatusLine


def _haystack(person: Person) -> str:
    return fold(f"{person.name} {person.company} {person.position}")


class NetworkScreen(Place):
    CSS_PATH = style_path("lists.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        BACK,
        FILTER,
        Command(
            "network.promote",
            "p",
            "promote",
            "To Target",
            "Promote the person to the pipeline (Target)",
            show=True,
            palette="Promote to Target",
        ),
        Command(
            "network.promote_referred",
            "r",
            "promote_referred",
            "Referred",
            "Promote to Target as referred by someone you know (their name completes)",
            palette="Promote as referred by…",
        ),
        Command(
            "network.group",
            "c",
            "group",
            "By company",
            "Group by company",
            show=True,
            palette="Group the network by company",
        ),
        OPEN_CONTACT,
        IMPORT,
        *LIST_KEYS,
    )
    OPENED_BY = NETWORK.id
    AUTO_FOCUS = "#people"
    NAME = "Network"

    def __init__(self, company: str = "") -> None:
        super().__init__()
        self.status = StatusLine()
        self.people: list[Person] = []
        self._haystacks: list[str] = []
        self.grouped = False
        self.query_text = company
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static(id="network-title")
        yield Input(
            self.query_text, placeholder="filter: name, company, position", id="network-filter"
        )
        yield PeopleList(id="people")
        yield self.status
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#network-filter", Input).display = bool(self.query_text)
        self._title("loading…")
        self.load()

    @work(thread=True, exclusive=True, group="network")
    def load(self) -> None:
        """Reading 30,000 people takes a moment: off the UI thread."""
        network = self.app.session.network
        problem = network.ensure_loaded()
        if problem is not None:
            self.app.call_from_thread(self.while_open(self.status.say), problem, error=True)
            return
        people = sorted(network.all().values(), key=lambda p: (fold(p.name), p.id))
        haystacks = [_haystack(person) for person in people]
        self.app.call_from_thread(self.while_open(self._loaded), people, haystacks)

    def _loaded(self, people: list[Person], haystacks: list[str]) -> None:
        self.people = people
        self._haystacks = haystacks
        self.loaded = True
        self.show()

    def reload(self) -> None:
        self.load()

    def _title(self, detail: str) -> None:
        title = Text("infoint", style="bold")
        title.append(f" · Network  {detail}")
        self.query_one("#network-title", Static).update(title)

    def matching(self) -> list[Person]:
        words = fold(self.query_text).split()
        if not words:
            return self.people
        return [
            person
            for person, haystack in zip(self.people, self._haystacks, strict=True)
            if all(word in haystack for word in words)
        ]

    def show(self, keep: int | None = None) -> None:
        people = self.matching()
        contacts = self.app.session.contacts
        rows: list[PeopleRow] = []

        def row(person: Person) -> PeopleRow:
            contact = contacts.get(person.contact_id) if person.contact_id else None
            return PeopleRow(person, contact.stage.label if contact else "")

        if self.grouped:
            groups: dict[str, list[Person]] = {}
            names: dict[str, str] = {}
            for person in people:
                key = company_key(person.company) or "~"
                groups.setdefault(key, []).append(person)
                names.setdefault(key, person.company or "(no company)")
            for key in sorted(groups):
                members = groups[key]
                rows.append(PeopleRow(None, heading=f"{names[key]} ({len(members)})"))
                rows.extend(row(person) for person in members)
        else:
            rows = [row(person) for person in people]
        listing = self.query_one("#people", PeopleList)
        listing.show(rows, listing.cursor if keep is None else keep)
        shown = (
            f"{len(people):,} of {len(self.people):,}" if self.query_text else f"{len(people):,}"
        )
        self._title(f"{shown} people" + ("  · grouped by company" if self.grouped else ""))

    # -- filtering ------------------------------------------------------------------
    def action_filter(self) -> None:
        field = self.query_one("#network-filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#network-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self.loaded:
            self.show(keep=0)

    @on(Input.Submitted, "#network-filter")
    def _filter_done(self) -> None:
        self.query_one("#people", PeopleList).focus()

    def action_back(self) -> None:
        field = self.query_one("#network-filter", Input)
        if field.has_focus or self.query_text:
            field.value = ""
            field.display = False
            self.query_one("#people", PeopleList).focus()
            return
        super().action_back()

    # -- moving ---------------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        self.query_one("#people", PeopleList).move(delta)

    def action_page(self, direction: int) -> None:
        self.query_one("#people", PeopleList).page(direction)

    def action_edge(self, last: int) -> None:
        self.query_one("#people", PeopleList).edge(last)

    def action_group(self) -> None:
        self.grouped = not self.grouped
        self.show(keep=0)

    # -- promoting ------------------------------------------------------------------
    def selected(self) -> Person | None:
        return self.query_one("#people", PeopleList).selected_person()

    def action_promote(self) -> None:
        """Promote to Target; someone who may already be a contact (the same name
        and company) is asked about first: link them, or add a new contact."""
        person = self.selected()
        if person is None:
            return
        contacts = self.app.session.contacts.values()
        found = [] if person.contact_id else matches(Candidate.of_person(person), contacts)
        if not found or found[0].certain:
            self._promote(person, None)
            return

        def chosen(answer: str | None) -> None:
            if answer is not None:
                self._promote(person, int(answer) if answer != "new" else None)

        choices = [
            (f"It is {match.describe()}: link them", str(match.contact.id)) for match in found
        ]
        choices.append((f"Someone else: add {person.name} as a new contact", "new"))
        self.app.navigator.ask(
            ChoiceModal(f"{person.name} may already be in the pipeline", choices), chosen
        )

    def action_promote_referred(self) -> None:
        """Promote as referred by someone: asks who, completing from the people
        you know; the new contact's source is a referral, its referrer that name."""
        person = self.selected()
        if person is None:
            return
        if person.contact_id:
            self._promote(person, None)  # already a contact: opens them
            return

        def answered(name: str | None) -> None:
            if name is not None:
                self._promote(person, None, referrer=name.strip())

        names = [n for n in self.app.session.people_names() if n != person.name]
        self.app.navigator.ask(
            PromptModal(
                f"{person.name} is referred by (→ completes a name)",
                placeholder="Maya Chen",
                completions=names,
            ),
            answered,
        )

    def _promote(self, person: Person, link_to: int | None, *, referrer: str = "") -> None:
        # The contact shows on the board whatever screen is open by the time it is saved.
        self.app.session.network.promote(
            person, self.while_open(self._show_promoted), link_to=link_to, referrer=referrer
        )
        self.status.say(f"Promoting {person.name}…")

    def _show_promoted(self, result: Promoted) -> None:
        index = next(
            (i for i, person in enumerate(self.people) if person.id == result.person.id), None
        )
        if index is not None:
            self.people[index] = result.person
        self.show()
        if result.created:
            self.status.say(f"{result.contact.name} is now a Target (#{result.contact.id})")
        else:
            # One person, once: promoting someone already there opens them.
            self.app.open_contact(result.contact.id)
            stage = result.contact.stage.label
            self.app.notify(f"{result.contact.name} is already in the pipeline ({stage})")

    def action_open(self) -> None:
        person = self.selected()
        if person is None:
            return
        if person.contact_id and person.contact_id in self.app.session.contacts:
            self.app.open_contact(person.contact_id)
        else:
            self.status.say("Not in the pipeline yet: p promotes them to Target")

    def network_changed(self) -> None:
        self.reload()
