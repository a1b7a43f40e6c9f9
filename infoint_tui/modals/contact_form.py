"""Add or edit a contact: every field, and the stage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select, Static

from ..core.contacts.advice import TOP_TITLES, top_note
from ..core.contacts.model import CONTACT_FIELDS, Contact, Stage
from ..core.fields import FieldSpec
from .record_form import FormValues, RecordForm


class ContactForm(RecordForm):
    def __init__(
        self,
        contact: Contact | None,
        *,
        stage: Stage = Stage.TARGET,
        typed: Mapping[str, object] | None = None,
        people: Sequence[str] = (),
        top_titles: Sequence[str] = TOP_TITLES,
    ) -> None:
        """``typed``: a new contact's values as the user left them (the form
        reopened after a duplicate warning), so nothing typed is lost.
        ``people``: the names the Referrer field completes from; ``top_titles``:
        the titles that read as the top of a company (a gentle note, below)."""
        self.contact = contact
        self.top_titles = top_titles
        self.advice = Static("", classes="field-note", id="form-advice")
        self.stage = contact.stage if contact else stage
        values = (
            {spec.name: getattr(contact, spec.name) for spec in CONTACT_FIELDS}
            if contact
            else {spec.name: _default(spec) for spec in CONTACT_FIELDS} | dict(typed or {})
        )
        super().__init__(
            f"Edit {contact.name}" if contact else "New contact",
            CONTACT_FIELDS,
            values,
            defaults=() if contact else ("source",),
            completions={"referrer": people},
        )

    EXTRA_AFTER = 3  # name, company, title; then the stage

    def extra_rows(self) -> ComposeResult:
        yield self.advice
        with Horizontal(classes="field-line", id="row-stage"):
            yield Label("Stage", classes="field-label")
            yield Select(
                [(stage.label, stage.value) for stage in Stage],
                value=self.stage.value,
                allow_blank=False,
                compact=True,
                id="field-stage",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self._advise()

    @on(Input.Changed, "#field-name, #field-title, #field-company")
    def _advise(self) -> None:
        """The method's advice as the title is typed: the top of a company is
        heavily scheduled; someone one step down may be the better first ask."""
        values = {row.spec.name: row.raw() for row in self.rows[: self.EXTRA_AFTER]}
        note = top_note(
            values.get("name", "").strip() or "This person",
            values.get("title", ""),
            values.get("company", ""),
            self.top_titles,
        )
        said = f"↳ {note} (A on the contact asks who you know there)" if note else ""
        self.advice.update(Text(said, style="italic"))
        self.advice.display = bool(note)

    def extra_values(self) -> FormValues:
        return {"stage": str(self.query_one("#field-stage", Select).value)}


def _default(spec: FieldSpec) -> str:
    return "cold" if spec.name == "source" else ""
