"""Forms built from field rules: each field checked as you leave it, all on save.

A form returns the raw values (already validated) or None when cancelled; the
caller turns them into a record, so a form never touches the store.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantBlur
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from ..core.fields import FieldSpec, ValidationError, clean_value, display_value
from ..keys import CANCEL, SAVE_FORM, bindings
from ..paths import style_path
from .base import Dialog

FormValues = dict[str, str]


class FieldRow(Vertical):
    """Label, editor and the field's own error message."""

    def __init__(
        self,
        spec: FieldSpec,
        value: str,
        *,
        default: bool = False,
        completions: Sequence[str] = (),
    ) -> None:
        """``default``: the value is a suggestion, selected so that typing replaces it.
        ``completions``: what typing completes to (→ or end accepts it)."""
        super().__init__(classes="field-row", id=f"row-{spec.name}")
        self.spec = spec
        self.completions = completions
        self.value = value
        self.default = default
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
                placeholder=_placeholder(self.spec),
            )
            area.show_line_numbers = False
            return area
        return Input(
            self.value,
            id=f"field-{self.spec.name}",
            compact=True,
            placeholder=_placeholder(self.spec),
            select_on_focus=self.default,
            suggester=(
                SuggestFromList(self.completions, case_sensitive=False)
                if self.completions
                else None
            ),
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
    if spec.placeholder:  # the field's own example, e.g. how a letter uses it
        return spec.placeholder
    return {
        "email": "name@example.com",
        "phone": "+44 20 7946 0000",
        "url": "https://www.linkedin.com/in/…" if spec.name == "linkedin_url" else "https://…",
        "date": "YYYY-MM-DD",
        "tags": "comma, separated",
        "choice": " or ".join(spec.choices),
    }.get(spec.kind, "")


class RecordForm(Dialog[FormValues | None]):
    """Returns the raw values (each already checked by its rule), or None."""

    EXTRA_AFTER: ClassVar[int] = 1

    CSS_PATH = style_path("modals.tcss")

    BINDINGS: ClassVar[list[BindingType]] = bindings(SAVE_FORM, CANCEL)

    def __init__(
        self,
        title: str,
        specs: Sequence[FieldSpec],
        values: Mapping[str, object],
        defaults: Collection[str] = (),
        completions: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """``defaults``: the fields whose value is only a suggestion (typing replaces it);
        ``completions``: per field, the values typing completes to."""
        super().__init__(classes="form")
        self.title_text = title
        self.rows = [
            FieldRow(
                spec,
                display_value(values.get(spec.name)),
                default=spec.name in defaults,
                completions=(completions or {}).get(spec.name, ()),
            )
            for spec in specs
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            with VerticalScroll(id="form-fields"):
                yield from self.rows[: self.EXTRA_AFTER]
                yield from self.extra_rows()
                yield from self.rows[self.EXTRA_AFTER :]
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
        values: FormValues = {row.spec.name: row.raw() for row in self.rows}
        values.update(self.extra_values())
        self.dismiss(values)

    def extra_rows(self) -> ComposeResult:
        """Room for a field that is not a text box (the contact's stage), after
        the first ``EXTRA_AFTER`` rows."""
        yield from ()

    def extra_values(self) -> FormValues:
        return {}

    def action_cancel(self) -> None:
        self.dismiss(None)
