"""Add or edit a contact: every field, each checked as you leave it.

Returns the raw values (already validated) or None when cancelled. The caller
turns them into a Contact, so the form never touches the store.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantBlur
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from ..core.fields import FieldSpec, ValidationError, clean_value, display_value
from ..core.models import CONTACT_FIELDS, Contact, Stage

FormValues = dict[str, str]


class FieldRow(Vertical):
    """Label, editor and the field's own error message."""

    def __init__(self, spec: FieldSpec, value: str) -> None:
        super().__init__(classes="field-row", id=f"row-{spec.name}")
        self.spec = spec
        self.value = value
        self.error = Static("", classes="field-error")

    def compose(self) -> ComposeResult:
        label = self.spec.label + (" *" if self.spec.required else "")
        with Horizontal(classes="field-line"):
            yield Label(Text(label), classes="field-label")
            yield self._editor()
        yield self.error

    def _editor(self) -> Widget:
        if self.spec.kind == "text":
            area = TextArea(
                self.value,
                id=f"field-{self.spec.name}",
                compact=True,
                soft_wrap=True,
                tab_behavior="focus",
            )
            area.show_line_numbers = False
            return area
        return Input(
            self.value,
            id=f"field-{self.spec.name}",
            compact=True,
            placeholder=_placeholder(self.spec),
            select_on_focus=False,
        )

    def raw(self) -> str:
        editor = self.query_one(f"#field-{self.spec.name}")
        if isinstance(editor, TextArea):
            return editor.text
        assert isinstance(editor, Input)
        return editor.value

    def check(self) -> bool:
        try:
            clean_value(self.spec, self.raw())
        except ValidationError as error:
            self.error.update(Text(f"↳ {error.message}"))
            self.error.display = True
            return False
        self.error.update("")
        self.error.display = False
        return True


def _placeholder(spec: FieldSpec) -> str:
    return {
        "email": "name@example.com",
        "phone": "+44 20 7946 0000",
        "url": "https://www.linkedin.com/in/…",
        "date": "YYYY-MM-DD",
        "tags": "comma, separated",
        "choice": " or ".join(spec.choices),
    }.get(spec.kind, "")


class ContactForm(ModalScreen[FormValues | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+o",
            "save",
            "Save",
            id="form.save",
            tooltip="Save (enter works in one-line fields)",
        ),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(self, contact: Contact | None, *, stage: Stage = Stage.TARGET) -> None:
        super().__init__(classes="form")
        self.contact = contact
        self.stage = contact.stage if contact else stage
        self.rows = [
            FieldRow(
                spec, display_value(getattr(contact, spec.name)) if contact else _default(spec)
            )
            for spec in CONTACT_FIELDS
        ]

    def compose(self) -> ComposeResult:
        title = f"Edit {self.contact.name}" if self.contact else "New contact"
        with Vertical(id="form-box"):
            yield Static(Text(title, style="bold"), id="form-title")
            with VerticalScroll(id="form-fields"):
                yield self.rows[0]
                with Horizontal(classes="field-line", id="row-stage"):
                    yield Label("Stage", classes="field-label")
                    yield Select(
                        [(stage.label, stage.value) for stage in Stage],
                        value=self.stage.value,
                        allow_blank=False,
                        compact=True,
                        id="field-stage",
                    )
                yield from self.rows[1:]
            yield Static(
                Text("enter or ctrl+o: save   tab: next field   esc: cancel", style="dim"),
                id="form-keys",
            )

    def on_mount(self) -> None:
        for row in self.rows:
            row.error.display = False
        self.query_one("#field-name", Input).focus()

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
        values: FormValues = {row.spec.name: row.raw() for row in self.rows}
        stage = self.query_one("#field-stage", Select).value
        values["stage"] = str(stage)
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _default(spec: FieldSpec) -> str:
    return "cold" if spec.name == "source" else ""
