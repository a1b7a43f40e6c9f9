"""Target companies: LAMP scores, contacts per stage, the top five being worked."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Static

from ..core.companies import COMPANY_FIELDS, Company, CompanyRow
from ..core.contacts.model import Stage
from ..core.exchange.identity import Known
from ..core.fields import ValidationError
from ..core.session.session import SessionEvent
from ..core.text import strip_controls
from ..keys import BACK, COMPANIES, LIST_KEYS, Command, bindings
from ..modals.confirm import ConfirmModal
from ..modals.record_form import RecordForm
from ..paths import style_path
from ..shell import Place
from ..widgets.keybar import KeyBar
from ..widgets.list_keys import Table
from ..widgets.status import StatusLine

STAGE_COLUMNS = [stage for stage in Stage if stage is not Stage.CLOSED]
SHORT = {
    Stage.TARGET: "Tgt",
    Stage.REQUESTED: "Req",
    Stage.FOLLOW_UP: "FU",
    Stage.SCHEDULED: "Sch",
    Stage.MET: "Met",
    Stage.NURTURE: "Nur",
}


class CompaniesScreen(Place):
    CSS_PATH = style_path("lists.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        BACK,
        Command(
            "companies.new",
            "n",
            "new",
            "New",
            "Add a target company",
            show=True,
            palette="New company",
        ),
        Command(
            "companies.edit",
            "e",
            "edit",
            "Edit",
            "Edit the LAMP scores and notes",
            show=True,
            palette="Edit company",
        ),
        Command(
            "companies.board",
            "enter,b",
            "board",
            "Show on board",
            "Filter the board to this company",
            show=True,
            key_display="b",
            palette="Show company on board",
        ),
        Command(
            "companies.people",
            "p",
            "people",
            "People",
            "Who you know there: the pipeline and the network (enter opens or promotes)",
            show=True,
            palette="Who you know at this company",
        ),
        Command(
            "companies.delete",
            "d",
            "delete",
            "Delete",
            "Delete the company's record",
            palette="Delete company",
        ),
        *LIST_KEYS,
    )
    OPENED_BY = COMPANIES.id
    AUTO_FOCUS = "#companies-table"
    NAME = "Companies"

    def __init__(self) -> None:
        super().__init__()
        self.status = StatusLine()
        self.rows: list[CompanyRow] = []
        self._unlisten: object = None

    def compose(self) -> ComposeResult:
        yield Static(id="companies-title")
        yield Table(id="companies-table", cursor_type="row", zebra_stripes=True)
        yield Static(
            Text(
                "★ top five · A: advocacy (someone there would speak for you) · "
                "Kn: who you know there (network, replied) · "
                "M: motivation 0–3 · P: posting 1–3",
                style="dim",
            ),
            id="companies-legend",
        )
        yield self.status
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#companies-table", Table)
        table.add_column(" ", key="top", width=1)
        table.add_column("Company", key="name", width=22)
        table.add_column("A", key="a", width=3)
        table.add_column("Kn", key="known", width=3)
        table.add_column("M", key="m", width=1)
        table.add_column("P", key="p", width=1)
        for stage in STAGE_COLUMNS:
            table.add_column(SHORT[stage], key=stage.value, width=3)
        self._unlisten = self.app.session.listen(self._on_session_event)
        self.show()
        self.app.read_network()  # Advocacy counts people in the network

    def network_changed(self) -> None:
        self.show()

    def on_unmount(self) -> None:
        if callable(self._unlisten):
            self._unlisten()

    def _on_session_event(self, event: SessionEvent) -> None:
        self.show()

    def show(self, select: str | None = None) -> None:
        table = self.query_one("#companies-table", Table)
        keep = table.cursor_row
        session = self.app.session
        people = session.network.all().values() if session.network.loaded else ()
        self.rows = session.companies.rows(session.contacts.values(), people)
        table.clear()
        for row in self.rows:
            cells: list[Text] = [
                Text("★" if row.top else ""),
                Text(strip_controls(row.name), style="" if row.company else "italic"),
                Text("yes" if row.advocacy else "no"),
                Text(str(row.known) if row.known else "·"),
                Text(str(row.motivation) if row.company else "–"),
                Text(str(row.posting) if row.company else "–"),
            ]
            cells.extend(Text(str(row.stages.get(stage, 0) or "·")) for stage in STAGE_COLUMNS)
            table.add_row(*cells)
        if select is not None:
            keep = next((i for i, row in enumerate(self.rows) if row.name == select), keep)
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
        with_records = sum(1 for row in self.rows if row.company)
        title = Text("infoint", style="bold")
        title.append(f" · Target companies  {with_records} scored, {len(self.rows)} in all")
        self.query_one("#companies-title", Static).update(title)

    def selected(self) -> CompanyRow | None:
        table = self.query_one("#companies-table", Table)
        if not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    # -- actions ------------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        self.query_one("#companies-table", Table).move(delta)

    def action_page(self, direction: int) -> None:
        self.query_one("#companies-table", Table).page(direction)

    def action_edge(self, last: int) -> None:
        self.query_one("#companies-table", Table).edge(last)

    def action_new(self) -> None:
        self._edit(None, "")

    def action_edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._edit(row.company, row.name)

    def _edit(self, company: Company | None, name: str) -> None:
        values = company.to_dict() if company else {"name": name, "advocacy": "no", "posting": 1}
        defaults = () if company else ("advocacy", "posting")
        title = f"Edit {company.name}" if company else "New target company"

        def saved(form: dict[str, str] | None) -> None:
            if form is None:
                return
            now = self.app.session.now()
            try:
                fresh = Company.create(form, now=now)
            except ValidationError as error:
                self.status.say(error.message, error=True)
                return
            record = replace(fresh, id=company.id, created=company.created) if company else fresh
            self.app.session.companies.save(
                record, f"Saved {record.name}", self.while_open(lambda _: self.show(record.name))
            )
            self.status.say(f"Saved {record.name}")

        self.app.navigator.ask(RecordForm(title, COMPANY_FIELDS, values, defaults), saved)

    @on(DataTable.RowSelected, "#companies-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_board()

    def action_board(self) -> None:
        row = self.selected()
        if row is not None:
            self.app.show_company_on_board(row.name)

    def action_people(self) -> None:
        """Who to ask at this company: a contact opens, a network person is
        promoted to Target (or opened, when they already are a contact)."""
        row = self.selected()
        if row is None:
            return
        session = self.app.session

        def chosen(picked: Known) -> None:
            if picked.contact is not None:
                self.app.open_contact(picked.contact.id)
                return
            person = picked.people[0]
            session.network.promote(person, lambda done: self.app.open_contact(done.contact.id))

        self.app.ask_who_you_know(row.name, f"Who you know at {row.name}", chosen, self.status.say)

    def action_delete(self) -> None:
        row = self.selected()
        if row is None or row.company is None:
            self.status.say("Only a scored company can be deleted (its contacts stay)")
            return
        company = row.company

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.session.companies.delete(
                    company, f"Deleted {company.name}", self.while_open(lambda _: self.show())
                )

        self.app.navigator.ask(
            ConfirmModal(f"Delete the company record {company.name}?", "Its contacts stay."),
            answered,
        )
