"""Add or edit a contact: every field, and the stage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Select

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
    ) -> None:
        """``typed``: a new contact's values as the user left them (the form
        reopened after a duplicate warning), so nothing typed is lost.
        ``people``: the names the Referrer field completes from."""
        self.contact = contact
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
        with Horizontal(classes="field-line", id="row-stage"):
            yield Label("Stage", classes="field-label")
            yield Select(
                [(stage.label, stage.value) for stage in Stage],
                value=self.stage.value,
                allow_blank=False,
                compact=True,
                id="field-stage",
            )

    def extra_values(self) -> FormValues:
        return {"stage": str(self.query_one("#field-stage", Select).value)}


def _default(spec: FieldSpec) -> str:
    return "cold" if spec.name == "source" else ""
