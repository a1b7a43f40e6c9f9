"""Importing the network from a file: check first, then write all of it or nothing."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from ..core.contacts.model import Contact
from ..core.exchange import ImportFormatError, ImportPlan, guess_source, inspect_csv, parse_file
from ..core.exchange.promotion import DetailOffer, details_offered
from ..core.text import strip_controls
from ..keys import BACK, Command, bindings
from ..modals.confirm import ConfirmModal
from ..paths import style_path
from ..shell import Place
from ..widgets.keybar import KeyBar

SHOWN_NOTES = 200  # the first skipped lines are listed; the count covers all


class ImportScreen(Place):
    """Reads, parses and plans in a worker with progress; applies on ``a``."""

    CSS_PATH = style_path("lists.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        BACK,
        Command("import.apply", "a", "apply", "Import", "Write the import", show=True),
        Command(
            "import.fill_in",
            "f",
            "fill_in",
            "Fill in contacts",
            "Add the file's details to the empty fields of contacts already in the pipeline",
            show=True,
        ),
    )

    NAME = "Import"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.plan: ImportPlan | None = None
        self.applied = False
        self.offers: list[DetailOffer] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(f"infoint · Import {self.path.name}", style="bold"), id="import-title")
        yield Static(id="import-stage")
        yield ProgressBar(total=1, show_eta=False, id="import-progress")
        with VerticalScroll(id="import-report"):
            yield Static(id="import-summary")
        yield KeyBar()

    def on_mount(self) -> None:
        # A copy taken here, on the UI thread: the plan links people to these
        # contacts off it, while the board may change the session's own.
        self.prepare(tuple(self.app.session.contacts.values()))

    def _say(self, text: str) -> None:
        self.query_one("#import-stage", Static).update(Text(text))

    def _progress(self, done: int, total: int) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done)

    @work(thread=True, exclusive=True, group="import")
    def prepare(self, contacts: tuple[Contact, ...]) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.while_open(self._progress), done, total)

        def call(callback: Callable[..., None], *args: object) -> None:
            self.app.call_from_thread(self.while_open(callback), *args)

        try:
            raw = self.path.read_bytes()
        except OSError as error:
            call(self._failed, f"Cannot read {self.path}: {error.strerror or error}")
            return
        source = guess_source(self.path.name, raw)
        mapping_text = ""
        try:
            if source == "csv":
                layout = inspect_csv(raw)
                mapping_text = "\n".join(layout.describe())
            call(self._say, f"Reading {source} file…")
            parsed = parse_file(source, raw, progress=progress)
            call(self._say, "Comparing with your network…")
            network = self.app.session.network
            problem = network.ensure_loaded()
            if problem is not None:
                call(self._failed, problem)
                return
            plan = network.plan_import(parsed, self.app.session.now(), progress, contacts)
        except ImportFormatError as error:
            call(self._failed, f"Nothing was imported: {error}")
            return
        call(self._planned, plan, source, mapping_text)

    def _failed(self, message: str) -> None:
        self._say("✗ " + message)
        self.query_one("#import-summary", Static).update(
            Text("The file was not imported; your network is unchanged. esc goes back.")
        )

    def _planned(self, plan: ImportPlan, source: str, mapping_text: str) -> None:
        self.plan = plan
        self._say(f"Ready: {plan.summary()}. Press a to import, esc to leave it.")
        report = Text()
        if mapping_text:
            report.append("Columns (guessed from the header):\n", style="bold")
            report.append(mapping_text + "\n\n")
        report.append(f"{source} file · {plan.summary()}\n", style="bold")
        notes = list(plan.skipped)[:SHOWN_NOTES]
        if notes:
            report.append("\nSkipped:\n", style="bold")
            for note in notes:
                report.append(f"  line {note.line}: {note.reason}\n")
            if len(plan.skipped) > SHOWN_NOTES:
                report.append(f"  … and {len(plan.skipped) - SHOWN_NOTES} more\n")
        # People already in the pipeline: what the file knows that they leave empty.
        linked = [*plan.added, *(after for _, after in plan.updated)]
        self.offers = details_offered(linked, self.app.session.contacts)
        if self.offers:
            report.append(
                "\nNew details for contacts in your pipeline "
                "(f fills in empty fields only; what you typed stays):\n",
                style="bold",
            )
            for offer in self.offers[:SHOWN_NOTES]:
                report.append(f"  {strip_controls(offer.describe())}\n")
            if len(self.offers) > SHOWN_NOTES:
                report.append(f"  … and {len(self.offers) - SHOWN_NOTES} more\n")
        warnings = list(plan.warnings)[:SHOWN_NOTES]
        if warnings:
            report.append("\nImported with a value left out:\n", style="bold")
            for note in warnings:
                report.append(f"  line {note.line}: {note.reason}\n")
        self.query_one("#import-summary", Static).update(report)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apply":
            ready = self.plan is not None and self.plan.changes_anything and not self.applied
            return True if ready else None
        if action == "fill_in":
            return True if self.offers else None
        return True

    def action_fill_in(self) -> None:
        if self.offers:
            said = self.app.session.people.fill_in(self.offers)
            self.offers = []
            self.refresh_bindings()
            self._say(f"✓ {said} (u on the board undoes)")

    def action_apply(self) -> None:
        plan = self.plan
        if plan is None or self.applied:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._say("Writing…")
                self.applied = True
                self.refresh_bindings()
                self.app.session.network.apply_import(
                    plan, f"Imported {self.path.name}", self._applied
                )

        self.app.navigator.ask(ConfirmModal(f"Import {self.path.name}?", plan.summary()), answered)

    def _applied(self, result: object) -> None:
        self.app.network_changed()  # whether or not this screen is still open
        if self.is_open and self.plan is not None:
            self._say(f"✓ Imported: {self.plan.summary()}. esc goes back.")

    def place(self) -> Hashable:
        return (type(self), self.path)

    def before_close(self) -> None:
        self.workers.cancel_group(self, "import")
