"""A form for any record described by field rules: the profile, a company."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.events import DescendantBlur
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..core.fields import FieldSpec, display_value
from .contact_form import FieldRow, FormValues


class RecordForm(ModalScreen[FormValues | None]):
    """Returns the raw values (each already checked by its rule), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "save", "Save", id="record.save", tooltip="Save"),
        Binding("escape", "cancel", "Cancel", id="record.cancel"),
    ]

    def __init__(
        self, title: str, specs: Sequence[FieldSpec], values: Mapping[str, object]
    ) -> None:
        super().__init__(classes="form")
        self.title_text = title
        self.rows = [FieldRow(spec, display_value(values.get(spec.name))) for spec in specs]

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            with VerticalScroll(id="form-fields"):
                yield from self.rows
            yield Static(
                Text("enter or ctrl+o: save   tab: next field   esc: cancel", style="dim"),
                id="form-keys",
            )

    def on_mount(self) -> None:
        for row in self.rows:
            row.error.display = False
        first = self.rows[0].query(Input)
        if first:
            first.first().focus()

    @on(DescendantBlur)
    def _check_left_field(self, event: DescendantBlur) -> None:
        for row in self.rows:
            if event.widget.id == f"field-{row.spec.name}":
                row.check()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        bad = [row for row in self.rows if not row.check()]
        if bad:
            self.query_one(f"#field-{bad[0].spec.name}").focus()
            return
        self.dismiss({row.spec.name: row.raw() for row in self.rows})

    def action_cancel(self) -> None:
        self.dismiss(None)
