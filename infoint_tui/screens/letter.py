"""The letter editor: the template's Jinja2 source beside the letter it makes.

The preview re-renders (in Jinja2's sandbox, off the UI thread) as the user
types; what the contact or profile lacks is listed and can be filled in; the
live check of the letter sits under it. The finished letter leaves by the
terminal's clipboard (OSC 52), a file (.txt or .eml) or $EDITOR.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static, TextArea
from textual.worker import get_current_worker

from ..core.contacts.advice import top_note
from ..core.contacts.model import Contact
from ..core.fields import ValidationError
from ..core.interviews.fruits import letter_values
from ..core.letters import templates as templates
from ..core.letters.flow import still_missing, suggested_template
from ..core.letters.letter import Letter, default_file_name, letter_path, write_letter_file
from ..core.letters.lint import lint_letter
from ..core.letters.render import (
    LETTER_FIELD_LABELS,
    MissingField,
    RenderedLetter,
    find_company,
    letter_fields,
    render_letter,
    split_subject,
)
from ..core.text import show_controls, strip_controls
from ..keys import BACK, Command, bindings
from ..modals.choice import ChoiceModal
from ..modals.confirm import ConfirmModal
from ..modals.prompt import PromptModal
from ..paths import resource_dir, style_path
from ..shell import ContactPlace
from ..widgets.keybar import KeyBar
from ..widgets.status import StatusLine

RENDER_DELAY = 0.25  # seconds of quiet typing before the preview re-renders


class LetterScreen(ContactPlace):
    CSS_PATH = style_path("letter.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        BACK.hidden(),
        Command(
            "letter.template",
            "t",
            "pick",
            "Template",
            "Choose the template",
            show=True,
            palette="Choose the template",
        ),
        Command(
            "letter.edit",
            "e",
            "edit_source",
            "Edit",
            "Edit the template (esc stops)",
            show=True,
            palette="Edit the template",
        ),
        Command(
            "letter.fill",
            "f",
            "fill",
            "Fill",
            "Fill in the missing fields",
            show=True,
            palette="Fill in the missing fields",
        ),
        Command(
            "letter.copy",
            "y",
            "copy",
            "Copy",
            "Copy to your clipboard (OSC 52)",
            show=True,
            palette="Copy the letter",
        ),
        Command(
            "letter.file",
            "o",
            "write_file",
            "File",
            "Write to a .txt or .eml file",
            show=True,
            palette="Write the letter to a file",
        ),
        Command(
            "letter.editor",
            "E",
            "external_editor",
            "$EDITOR",
            "Edit the letter in $EDITOR and read it back",
            palette="Edit in $EDITOR",
        ),
        Command(
            "letter.draft",
            "d",
            "save_draft",
            "Draft",
            "Save as a draft",
            show=True,
            palette="Save as a draft",
        ),
        Command(
            "letter.sent",
            "m",
            "mark_sent",
            "Sent",
            "Mark sent: moves the contact on and sets the follow-up",
            show=True,
            palette="Mark sent",
        ),
        Command("letter.switch", "tab", "switch_pane", "Switch pane"),
    )
    AUTO_FOCUS = "#letter-preview-box"
    NAME = "Letter"
    READY_LATER = True  # the letter is rendered off the UI thread: shown with it

    def __init__(self, contact_id: int, template: str | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.template_name = template or ""
        self.source = ""
        self.values: dict[str, str] = {}
        self.rendered = RenderedLetter("", "")
        self.hand_edited: tuple[str, str] | None = None  # (subject, body) from $EDITOR
        self.letter: Letter | None = None
        self.status = StatusLine()
        self._render_timer: Timer | None = None
        self._bundled = resource_dir("templates")

    # -- building ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="letter-title")
        with Horizontal(id="letter-body"):
            yield TextArea("", id="letter-source", soft_wrap=True, tab_behavior="focus")
            with VerticalScroll(id="letter-preview-box"):
                yield Static(id="letter-preview")
        with Vertical(id="letter-checks"):
            yield Static(id="letter-missing")
            yield Static(id="letter-lint")
        yield self.status
        yield KeyBar()

    @property
    def user_dir(self) -> Path:
        return self.app.session.letters.templates_dir

    @property
    def contact(self) -> Contact | None:
        return self.app.session.contacts.get(self.contact_id)

    def on_mount(self) -> None:
        contact = self.contact
        if contact is None:
            self.app.navigator.back(self)
            return
        self.query_one("#letter-source", TextArea).border_title = "Template (Jinja2)"
        self.query_one("#letter-preview-box", VerticalScroll).border_title = "Letter"
        draft = self.app.session.letters.latest_draft(self.contact_id)
        if draft is not None and self.template_name in ("", draft.template):
            # Carry on with the draft as it was saved (t starts over from a template).
            self.load_template(draft.template)
            self.letter = draft
            self.hand_edited = (draft.subject, draft.body)
            self._show_title()
            when = draft.updated or draft.created
            saved = f" of {when.astimezone():%d %b}" if when else ""
            self.status.say(f"Your draft{saved}; t starts over from a template")
            return
        # What the interview notes marked (advice:, topic:) fills the thank-you and
        # the article; f changes it like any other field.
        held = self.app.session.interviews.ended_for(self.contact_id)
        self.values = letter_values(interview.fruits for interview in held)
        self.load_template(self.template_name or suggested_template(contact))

    # -- templates --------------------------------------------------------------------
    def load_template(self, name: str) -> None:
        try:
            info = templates.find_template(name, self._bundled, self.user_dir)
            self.source = templates.read_template(info.path)
        except templates.LetterTemplateError as error:
            self.status.say(str(error), error=True)
            return
        self.template_name = name
        self.hand_edited = None
        self.letter = None
        source = self.query_one("#letter-source", TextArea)
        source.read_only = info.origin == "bundled"
        with source.prevent(TextArea.Changed):
            source.text = show_controls(self.source)  # a raw escape in the file, written out
        origin = "bundled · e makes your own copy" if info.origin == "bundled" else "yours"
        source.border_subtitle = origin
        self._show_title()
        self.render_now()

    def _show_title(self) -> None:
        contact = self.contact
        title = Text("Letter", style="bold")
        if contact is not None:
            title.append(f" to {strip_controls(contact.name)}")
            if contact.company:
                title.append(f" ({strip_controls(contact.company)})", style="dim")
        title.append(f"  · {self.template_name}")
        if self.letter is not None:
            title.append(f"  · {self.letter.status} #{self.letter.id or 'new'}", style="italic")
        self.query_one("#letter-title", Static).update(title)

    def action_pick(self) -> None:
        infos = templates.list_templates(self._bundled, self.user_dir)
        choices = [
            (f"{info.name}  ({'yours' if info.origin == 'user' else 'bundled'})", info.name)
            for info in infos
        ]
        self.app.navigator.ask(
            ChoiceModal("Which template?", choices),
            lambda name: self.load_template(name) if name else None,
        )

    def action_edit_source(self) -> None:
        """Edit the template: a bundled one is first copied to your templates folder."""
        source = self.query_one("#letter-source", TextArea)
        if source.read_only:
            try:
                path = templates.copy_to_user(self.template_name, self._bundled, self.user_dir)
            except FileExistsError:
                path = self.user_dir / f"{self.template_name}{templates.TEMPLATE_SUFFIX}"
            except (templates.LetterTemplateError, OSError) as error:
                self.status.say(f"Could not copy the template: {error}", error=True)
                return
            source.read_only = False
            source.border_subtitle = "yours"
            self.status.say(f"Your copy: {path} (it overrides the bundled one)")
        source.focus()

    # -- rendering --------------------------------------------------------------------
    @on(TextArea.Changed, "#letter-source")
    def _source_changed(self) -> None:
        self.source = self.query_one("#letter-source", TextArea).text
        if self._render_timer is not None:
            self._render_timer.stop()
        self._render_timer = self.set_timer(RENDER_DELAY, self._save_source_and_render)

    def _save_source_and_render(self) -> None:
        source = self.query_one("#letter-source", TextArea)
        self.source = source.text
        if not source.read_only:
            try:
                templates.save_user_template(self.template_name, self.source, self.user_dir)
            except (templates.LetterTemplateError, OSError) as error:
                self.status.say(f"Template not saved: {error}", error=True)
        self.render_now()

    def render_now(self) -> None:
        contact = self.contact
        if contact is None:
            return
        self._render_in_thread(self.source, contact, dict(self.values))

    @work(thread=True, exclusive=True, group="render")
    def _render_in_thread(self, source: str, contact: Contact, values: dict[str, str]) -> None:
        # A thread: a hostile template may take up to the sandbox's time limit.
        session = self.app.session
        company = find_company(contact, session.companies.all().values())
        rendered = render_letter(
            source,
            contact=contact,
            profile=session.profile.get_profile(),
            company=company,
            values=values,
            today=session.today(),
            follow_up_days=session.settings.rules.requested_business_days,
            calendar=session.settings.rules.calendar,
            name=self.template_name,
        )
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.while_open(self._show_render), rendered)

    def _show_render(self, rendered: RenderedLetter) -> None:
        self.ready()  # the screen goes out in one frame, letter included
        self.rendered = rendered
        preview = self.query_one("#letter-preview", Static)
        missing = self.query_one("#letter-missing", Static)
        lint = self.query_one("#letter-lint", Static)
        if rendered.problem is not None:
            problem = rendered.problem
            where = f"line {problem.line}: " if problem.line else ""
            shown = f"\n    {problem.line_text}" if problem.line_text else ""
            preview.update(Text(f"Template {problem.kind} error\n{where}{problem.message}{shown}"))
            missing.update(Text(f"✗ {where}{problem.message}", style="bold"))
            missing.set_class(True, "-error")
            lint.update("")
            return
        missing.set_class(False, "-error")
        subject, body = self.hand_edited or (rendered.subject, rendered.body)
        preview.update(Text(f"Subject: {subject}\n\n{body}"))
        gaps = self.missing_now()
        if gaps:
            names = ", ".join(field.placeholder for field in gaps)
            missing.update(Text(f"Missing: {names}  (f fills them in)"))
        else:
            missing.update(Text("✓ Every field is filled in"))
        settings = self.app.session.settings
        warnings = lint_letter(
            subject,
            body,
            kind=rendered.kind,
            word_limit=settings.word_limit,
            note_limit=settings.linkedin_note_limit,
            hook=self.contact.hook if self.contact else "",
            signature=self.app.session.profile.get_profile().signature,
        )
        notes = [f"⚠ {w}" for w in warnings]
        contact = self.contact
        if contact is not None:
            top = top_note(contact.name, contact.title, contact.company, settings.top_titles)
            notes.extend([f"ⓘ {top}"] if top else [])
        lint.update(Text(" · ".join(notes) if notes else "✓ Reads well"))
        self.refresh_bindings()

    def letter_text(self) -> tuple[str, str]:
        return self.hand_edited or (self.rendered.subject, self.rendered.body)

    def missing_now(self) -> tuple[MissingField, ...]:
        """What the letter still lacks: for a hand-edited letter, the placeholders
        still in its text (the template's list no longer describes it)."""
        if self.hand_edited is None:
            return self.rendered.missing
        return still_missing(self.rendered.missing, *self.hand_edited)

    # -- filling in what is missing -------------------------------------------------------
    def action_fill(self) -> None:
        """Ask for what is missing; with nothing missing, for the template's
        optional letter fields still empty (the dates you are in the area)."""
        gaps = self.missing_now()
        if gaps:
            self._ask(list(gaps))
            return
        optional = self._optional_empty()
        if not optional:
            self.status.say("Nothing is missing")
            return
        self.status.say("Nothing is missing; these are optional (enter leaves one out)")
        self._ask(optional)

    def _optional_empty(self) -> list[MissingField]:
        """The template's letter fields left empty without being missing: used
        only when given (the dates you are in the area)."""
        return [
            MissingField(f"letter.{name}", LETTER_FIELD_LABELS.get(name, name))
            for name in letter_fields(self.source)
            if name != "follow_up_day" and not self.values.get(name)
        ]

    def _ask(self, fields: list[MissingField]) -> None:
        if not fields:
            self.render_now()
            return
        field, rest = fields[0], fields[1:]

        def answered(value: str | None) -> None:
            if value is None:
                self.render_now()
                return
            problem = self._store_value(field, value)
            if problem:
                self.status.say(problem, error=True)
            elif self.hand_edited is not None:
                subject, body = self.hand_edited
                self.hand_edited = (
                    subject.replace(field.placeholder, value),
                    body.replace(field.placeholder, value),
                )
            self._ask(rest)

        self.app.navigator.ask(PromptModal(f"{field.label} ({field.path})"), answered)

    def _store_value(self, field: MissingField, value: str) -> str | None:
        """Put a filled-in value where it belongs: the letter, the contact or the profile."""
        namespace, _, name = field.path.partition(".")
        session = self.app.session
        if namespace == "letter":
            self.values[name] = value
            return None
        if namespace == "contact":
            contact = self.contact
            if contact is None:
                return "The contact is gone"
            try:
                session.edit_contact(contact, {name: value})
            except ValidationError as error:
                return error.message
            return None
        if namespace == "me":
            try:
                profile = session.profile.get_profile().with_value(name, value)
            except ValidationError as error:
                return error.message
            self.app.save_profile(profile)
            return None
        return f"{field.path} is filled in on the Companies screen"

    # -- keeping and sending ------------------------------------------------------------
    def _letter_now(self) -> Letter:
        subject, body = self.letter_text()
        now = self.app.session.now()
        if self.letter is None:
            return Letter.create(
                self.contact_id,
                self.template_name,
                subject,
                body,
                now=now,
                promised_follow_up=self.rendered.promised,
            )
        return replace(
            self.letter.with_text(subject, body, now=now), promised_follow_up=self.rendered.promised
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save_draft", "copy", "write_file", "external_editor", "mark_sent"):
            return True if self.rendered.problem is None and self.rendered.body else None
        if action == "fill":
            return True if self.missing_now() or self._optional_empty() else None
        return True

    def action_save_draft(self) -> None:
        letter = self._letter_now()
        self.letter = letter
        self.app.session.letters.save(letter, "Saved a draft letter", self.while_open(self._saved))
        self.status.say("Draft saved on the contact")

    def _saved(self, stored: Letter) -> None:
        self.letter = stored
        self._show_title()

    def action_mark_sent(self) -> None:
        contact = self.contact
        if contact is None:
            return
        gaps = self.missing_now()
        names = ", ".join(field.placeholder for field in gaps)
        warning = f"It still has {len(gaps)} placeholder(s): {names}. " if gaps else ""

        def answered(yes: bool | None) -> None:
            if yes:
                self._send()

        self.app.navigator.ask(
            ConfirmModal(
                f"Mark this letter to {contact.name} as sent?",
                warning + "The date goes on the timeline and the follow-up is scheduled.",
            ),
            answered,
        )

    def _send(self) -> None:
        after = self.app.session.mark_sent(self._letter_now(), kind=self.rendered.kind)
        if after is None:
            return
        due = f"; follow up on {after.follow_up.isoformat()}" if after.follow_up else ""
        self.app.notify(f"Sent: {after.stage.label}{due}")
        self.app.navigator.back(self)

    # -- getting the letter out ------------------------------------------------------------
    def _unless_missing(self, doing: str, then: Callable[[], None]) -> None:
        """Do ``then``; first ask when the letter still holds placeholders, naming them."""
        gaps = self.missing_now()
        if not gaps:
            then()
            return
        names = ", ".join(field.placeholder for field in gaps)

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.navigator.ask(
            ConfirmModal(
                f"The letter still has {len(gaps)} placeholder(s): {names}",
                f"{doing} it anyway (y), or go back and fill them in with f (n)?",
            ),
            answered,
        )

    def action_copy(self) -> None:
        self._unless_missing("Copy", self._copy)

    def _copy(self) -> None:
        subject, body = self.letter_text()
        self.app.copy_to_clipboard(f"Subject: {subject}\n\n{body}")
        self.status.say("Copied to your clipboard (OSC 52; in tmux: set -g set-clipboard on)")

    def action_write_file(self) -> None:
        self._unless_missing("Write", self._ask_for_file)

    def _ask_for_file(self) -> None:
        contact = self.contact
        if contact is None:
            return
        folder = self.app.settings.letters_folder
        self.app.navigator.ask(
            PromptModal(
                f"Write the letter to (.txt, or .eml for a mail draft; a name goes in {folder})",
                default_file_name(contact.name, self.template_name),
                select=False,
            ),
            lambda typed: self._write(letter_path(typed, folder)) if typed else None,
        )

    def _write(self, path: Path) -> None:
        contact = self.contact
        if contact is None:
            return
        subject, body = self.letter_text()
        profile = self.app.session.profile.get_profile()
        try:
            write_letter_file(
                path,
                subject,
                body,
                to_name=contact.name,
                to_email=contact.email,
                from_name=profile.name,
                from_email=profile.email,
                now=self.app.session.now(),
                data_dir=self.app.session.data_dir,
            )
        except (OSError, ValueError) as error:
            self.status.say(f"Not written: {error}", error=True)
            return
        self.status.say(f"Written: {path.name}")
        self.app.notify(f"Written to {path}")  # a toast wraps: the whole path shows

    def action_external_editor(self) -> None:
        """Open the letter in $EDITOR (or $VISUAL) and read it back."""
        subject, body = self.letter_text()
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            command = shlex.split(editor)
        except ValueError as error:
            self.status.say(f"$EDITOR is not a command ({error}); nothing changed", error=True)
            return
        if not command:
            self.status.say("$EDITOR is empty; the letter is unchanged", error=True)
            return
        fd, name = tempfile.mkstemp(prefix="infoint-letter-", suffix=".txt")  # 0600
        path = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(f"Subject: {subject}\n\n{body}\n")
            problem = self._run_editor([*command, str(path)])
            text = path.read_text(encoding="utf-8", errors="replace") if problem is None else ""
        except SuspendNotSupported:
            self.status.say("This terminal cannot hand over to an editor; use o or y", error=True)
            return
        except OSError as error:
            self.status.say(f"Could not use {command[0]}: {error}", error=True)
            return
        finally:
            path.unlink(missing_ok=True)
        if problem is not None:
            self.status.say(f"{Path(command[0]).name} {problem}: letter unchanged", error=True)
            return
        self.hand_edited = split_subject(strip_controls(text, multiline=True))
        self.status.say("Read back from the editor (t reloads a template)")
        self._show_render(self.rendered)

    def _run_editor(self, argv: list[str]) -> str | None:
        """Hand the terminal to the editor until it ends; what went wrong, or None.

        Nothing may raise inside the suspended block: Textual does not take the
        terminal back when it does (the screen stays blank and keys echo as text).
        """
        problem: str | None = None
        with self.app.suspend():
            try:
                result = subprocess.run(argv, check=False)
            except OSError as error:  # not installed, not executable, a typo
                problem = f"could not start ({error.strerror or error})"
            except KeyboardInterrupt:
                problem = "was interrupted"
            else:
                if result.returncode < 0:
                    problem = f"was stopped by {signal.Signals(-result.returncode).name}"
                elif result.returncode > 0:
                    problem = f"exited with status {result.returncode}"
        return problem

    # -- leaving -------------------------------------------------------------------------
    def editing_keys(self) -> tuple[tuple[str, str], ...]:
        """The key line while the template is being edited (see KeyBar)."""
        source = self.query_one("#letter-source", TextArea)
        if source.has_focus and not source.read_only:
            return (("esc", "Stop editing"), ("tab", "Letter pane"), ("ctrl+p", "Commands"))
        return ()

    def action_switch_pane(self) -> None:
        source = self.query_one("#letter-source", TextArea)
        if source.has_focus:
            self.query_one("#letter-preview-box").focus()
        elif source.read_only:
            # Only e makes a copy of a bundled template: tab must not do it by surprise.
            self.status.say("A bundled template: e makes your own copy to edit")
        else:
            source.focus()

    def action_back(self) -> None:
        source = self.query_one("#letter-source", TextArea)
        if source.has_focus:
            self.query_one("#letter-preview-box").focus()
            return
        super().action_back()

    def before_close(self) -> None:
        # A template edit still waiting for its quiet moment is saved now.
        if self._render_timer is not None:
            self._render_timer.stop()
            self._render_timer = None
            self._save_source_and_render()

    def adopt(self, wanted: LetterScreen) -> None:
        """Asked for this contact's letter again: a named template replaces the one
        shown, unless the letter was edited by hand (that is kept)."""
        template = wanted.template_name
        if not template or template == self.template_name:
            return
        if self.hand_edited is not None:
            self.status.say("Your letter in progress is kept; t chooses another template")
            return
        self.load_template(template)
