"""What one running app holds: the contacts as the user sees them, undo, the saver.

Screens ask the session to change things and listen for what changed; the
session applies the change to its view at once and queues the write. It knows
nothing about the terminal: the app passes a function that runs a callback on
its own thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..contacts import adding, followups, merging, pipeline, referrals
from ..contacts.changes import ChangeSet, ContactChange, UndoHistory
from ..contacts.followups import local_day
from ..contacts.model import CONTACT_FIELDS, Contact, Question, Stage
from ..dates import Clock
from ..documents import Store
from ..interviews import interview as interviews
from ..interviews import questions as bank
from ..interviews.fruits import new_introductions
from ..interviews.interview import Interview
from ..interviews.questions import BankQuestion
from ..letters.flow import letter_sent
from ..letters.letter import Letter
from ..settings import Settings
from ..store.saver import Saver, SaveReport
from . import recovery, services
from .meetings import Meetings
from .people import People

Listener = Callable[["SessionEvent"], None]


@dataclass(frozen=True)
class SessionEvent:
    """A change the screens should show. ``change_set`` None means "reload everything"."""

    change_set: ChangeSet | None = None
    message: str = ""
    error: str | None = None
    pending: int = 0
    select: int | None = None  # a contact the board should select
    reload: bool = False  # every contact may have changed: show them all again


class Session:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        clock: Clock,
        call_in_ui: Callable[[Callable[[], None]], None] = lambda callback: callback(),
        start_saver: bool = True,
    ) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self.history = UndoHistory()
        self.contacts: dict[int, Contact] = dict(store.contacts.all())
        self._listeners: list[Listener] = []
        self._call_in_ui = call_in_ui
        self._on_saved: dict[int, Callable[[Any], None]] = {}
        self._job_serial = 0
        self._unsaved: dict[int, ChangeSet] = {}
        self._keep: dict[int, recovery.Pending] = {}
        self.saver = Saver(store, self._from_saver)
        self.letters = services.Letters(self, store.letters, "letter")
        self.interviews = services.Interviews(self, store.interviews, "interview")
        self.questions = services.Questions(self, store.questions, "question")
        self.companies = services.Companies(self, store.companies, "company")
        self.profile = services.ProfileService(self, store.profiles, "profile")
        self.network = services.Network(self, store.network, "person")
        self.meetings = Meetings(self)
        self.people = People(self)
        self.save_error: str | None = None
        if start_saver:
            self.saver.start()

    # -- time ---------------------------------------------------------------------
    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return local_day(self.clock())

    # -- listening ----------------------------------------------------------------
    def listen(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, event: SessionEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    @property
    def data_dir(self) -> Path:
        """The folder the data is in (kept unsaved changes and the user's
        templates go beside it)."""
        return self.store.data_dir

    # -- read-only data ---------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """The data was opened read-only (a snapshot, a read-only mount): it shows
        as usual, and every change is refused before it is shown."""
        return self.store.read_only

    def refuse_if_read_only(self) -> bool:
        """True, and the user told why, when nothing can be saved."""
        if not self.read_only:
            return False
        message = self.read_only_message()
        self._emit(SessionEvent(message=message, error=message))
        return True

    def read_only_message(self) -> str:
        why = self.store.read_only_reason or "opened read-only"
        return f"Read-only data ({why}): nothing can be changed or saved"

    # -- changing contacts -----------------------------------------------------------
    def perform(
        self, change_set: ChangeSet, *, record: bool = True, select: int | None = None
    ) -> None:
        """Show a change now, remember it for undo, and queue its write."""
        if self.refuse_if_read_only():
            return
        for change in change_set.changes:
            if change.after is None:
                self.contacts.pop(change.contact_id, None)
            else:
                self.contacts[change.after.id] = change.after
        if record:
            self.history.record(change_set)
        serial = self.queue(
            change_set.description,
            lambda store: pipeline.apply(store.contacts, change_set),
            keep=recovery.contact_changes(change_set),
        )
        self._unsaved[serial] = change_set
        self._emit(
            SessionEvent(
                change_set,
                message=change_set.description,
                pending=self.saver.pending,
                select=select,
            )
        )

    def move_by(self, contact_id: int, steps: int) -> str:
        """Move a contact ``steps`` stages on (back when negative): H and L on the
        board and on the contact screen. Returns what happened, to show."""
        contact = self.contacts.get(contact_id)
        if contact is None:
            return "That contact is gone"
        index = contact.stage.index + steps
        if not 0 <= index < len(Stage):
            edge = "first" if steps < 0 else "last"
            return f"{contact.name} is already in the {edge} stage"
        if self.refuse_if_read_only():
            return self.read_only_message()
        change = pipeline.move_change(
            contact, list(Stage)[index], self.contacts, now=self.now(), rules=self.settings.rules
        )
        self.perform(change, select=contact_id)
        return change.description

    def update_contact(self, before: Contact, after: Contact, description: str) -> None:
        self.perform(ChangeSet(description, (ContactChange(before, after),)), select=after.id)

    def edit_contact(self, contact: Contact, values: Mapping[str, object]) -> bool:
        """Apply form values; a changed stage is a move. False when nothing changed."""
        now = self.now()
        fields = dict(values)
        stage_text = fields.pop("stage", None)
        after = contact.with_values(fields, now=now)
        changed = {
            spec.name: getattr(after, spec.name)
            for spec in CONTACT_FIELDS
            if getattr(after, spec.name) != getattr(contact, spec.name)
        }
        stage = Stage.parse(str(stage_text)) if stage_text else contact.stage
        if stage is not contact.stage:
            rank = pipeline.rank_on_top(self.contacts.values(), stage)
            after = pipeline.moved_by_hand(
                after, stage, now=now, rank=rank, rules=self.settings.rules
            )
            if "follow_up" in changed:
                after = replace(after, follow_up=changed["follow_up"])
        if after == replace(contact, updated=after.updated):
            return False

        def again(fresh: Contact) -> Contact:
            merged = replace(fresh, **changed, updated=now) if changed else fresh
            if stage is not fresh.stage:
                merged = pipeline.moved_by_hand(
                    merged, stage, now=now, rank=after.rank, rules=self.settings.rules
                )
            return merged

        # Renamed: those they referred keep naming them (contacts/referrals.py).
        referred = referrals.renamed_referrals(contact, after, self.contacts.values(), now=now)
        self.perform(
            ChangeSet(
                f"Edited {after.name}",
                (
                    ContactChange(contact, after, again),
                    *(ContactChange(before, later) for before, later in referred),
                ),
            ),
            select=after.id,
        )
        return True

    # -- next steps (the Today screen) -------------------------------------------------
    def mark_done(self, contact_id: int) -> str:
        contact = self.contacts.get(contact_id)
        if contact is None:
            return "That contact is gone"
        if not contact.action and contact.follow_up is None:
            return f"{contact.name} has no next step to mark done"
        after = pipeline.mark_done(
            contact, self.now(), self.settings.rules, board=self.contacts.values()
        )
        label = contact.next_action or "Follow-up"
        self.perform(
            ChangeSet(f"Done: {label} ({contact.name})", (ContactChange(contact, after),)),
            select=contact_id,
        )
        following = f" Next: {after.next_action}" if after.next_action else ""
        when = f" {after.follow_up.isoformat()}" if after.follow_up and following else ""
        return f"✓ {contact.name}: done.{following}{when}"

    def snooze(self, contact_id: int, until: date) -> str:
        contact = self.contacts.get(contact_id)
        if contact is None:
            return "That contact is gone"
        after = followups.snooze(contact, until, self.now())
        description = f"Snoozed {contact.name} until {until.isoformat()}"
        self.perform(ChangeSet(description, (ContactChange(contact, after),)), select=contact_id)
        return description

    def log_interaction(
        self, contact_id: int, kind: str, text: str, *, stop_waiting: bool = False
    ) -> str:
        """Log a reply, call, meeting, e-mail or note.

        A reply is news for the others at that company still waiting for one
        (``waiting_at_company``): their promised follow-ups are kept unless
        ``stop_waiting``, and each timeline says which.
        """
        contact = self.contacts.get(contact_id)
        if contact is None:
            return "That contact is gone"
        now = self.now()
        after = followups.log_interaction(contact, kind, text, now, self.settings.rules)
        changes = [ContactChange(contact, after)]
        others = self.waiting_at_company(contact_id) if kind == "reply" else []
        changes.extend(
            ContactChange(
                other,
                followups.after_reply_at_company(other, contact, keep=not stop_waiting, now=now),
            )
            for other in others
        )
        description = (
            f"Logged a {kind} from {contact.name}"
            if kind == "reply"
            else f"Logged a {kind} with {contact.name}"
        )
        self.perform(ChangeSet(description, tuple(changes)), select=contact_id)
        if others:
            names = ", ".join(other.name for other in others)
            if stop_waiting:
                return f"{description}; stopped waiting for a reply from {names}"
            return f"{description}; kept the follow-ups promised to {names}"
        return description

    def people_names(self) -> list[str]:
        """Everyone the user knows by name: the contacts, then the network (once
        it has been read), for completing a Referrer field."""
        people = self.network.all().values() if self.network.loaded else ()
        return referrals.referrer_names(
            (contact.name for contact in self.contacts.values()),
            (person.name for person in people),
        )

    def waiting_at_company(self, contact_id: int) -> list[Contact]:
        contact = self.contacts.get(contact_id)
        if contact is None:
            return []
        return followups.waiting_at_company(self.contacts.values(), contact)

    # -- flows that change a contact and another document --------------------------------
    def mark_sent(self, letter: Letter, *, kind: str) -> Contact | None:
        """The letter went out: stored as sent, and its contact moved on.

        The contact gets the letter on its timeline and, by the letter's
        ``kind`` (a request, a thank-you…), the stage it leads to, on top of
        that lane, with the follow-up the letter promised or the rule's (see
        ``letters.flow.after_sending``); one undoable change. Returns the
        contact as it is now (None when it is gone or nothing can be saved).
        """
        if self.refuse_if_read_only():
            return None
        contact = self.contacts.get(letter.contact_id)
        sent, after = letter_sent(
            letter,
            contact,
            kind=kind,
            now=self.now(),
            rules=self.settings.rules,
            board=self.contacts.values(),
        )
        self.letters.save(sent, "Letter marked sent")
        if contact is None or after is None:
            return None
        self.perform(
            ChangeSet(f"Sent a letter to {contact.name}", (ContactChange(contact, after),)),
            select=contact.id,
        )
        return after

    def end_interview(
        self, interview: Interview, on_saved: Callable[[Interview], None] | None = None
    ) -> tuple[Interview, Contact | None] | None:
        """End the interview and record it: stored as ended, and its contact
        moved to Met (on top of that lane), the interview held on its timeline,
        the thank-you note due (``interviews.finish``); one undoable change.

        Returns the ended interview and the contact as it is now (None when the
        contact is gone: the interview is only ended); None when nothing can be
        saved. ``on_saved`` is told the stored interview (its id, if it was new).
        """
        if self.refuse_if_read_only():
            return None
        now = self.now()
        contact = self.contacts.get(interview.contact_id)
        if contact is None:
            ended = interviews.end(interview, now)
            self.interviews.save(ended, "Interview ended", on_saved)
            return ended, None
        rank = pipeline.rank_on_top(self.contacts.values(), Stage.MET)
        ended, after = interviews.finish(interview, contact, now, self.settings.rules, rank=rank)
        self.interviews.save(ended, "Interview recorded", on_saved)
        self.perform(
            ChangeSet(f"Interview with {contact.name} recorded", (ContactChange(contact, after),)),
            select=contact.id,
        )
        return ended, after

    def add_introductions(self, contact_id: int) -> str:
        """The people offered as introductions in the contact's interviews, each a
        new Target with the interviewee as referrer (one undo each); those
        already in the pipeline are left as they are."""
        contact = self.contacts.get(contact_id)
        if contact is None:
            return "That contact is gone"
        offered = [
            person
            for interview in self.interviews.ended_for(contact_id)
            for person in interview.fruits.introductions
        ]
        if not offered:
            return (
                f"No introductions offered by {contact.name} (intro: Name at Company in the notes)"
            )
        added = new_introductions(offered, contact, self.contacts.values())
        if not added:
            return f"Everyone {contact.name} offered to introduce is in the pipeline already"
        for values in added:
            self.add_contact(self.new_contact(values, Stage.TARGET))
        names = ", ".join(values["name"] for values in added)
        return f"Added as targets, referred by {contact.name}: {names}"

    def add_own_question(self, contact_id: int, text: str, category: str) -> Contact | None:
        """A question the user wrote: kept in the question bank (offered for
        every contact from now on) and added at the end of this contact's list
        (undoable). Returns the contact as it is now (None when it is gone or
        nothing can be saved)."""
        if self.refuse_if_read_only():
            return None
        now = self.now()
        self.questions.save(
            BankQuestion(text, category, created=now), "Saved a question to the bank"
        )
        contact = self.contacts.get(contact_id)
        if contact is None:
            return None
        questions = bank.add_question(contact.questions, Question(text, category))
        if questions == contact.questions:
            return contact
        after = replace(contact, questions=questions, updated=now)
        self.perform(
            ChangeSet(f"Added a question ({contact.name})", (ContactChange(contact, after),))
        )
        return after

    def merge_contacts(self, keep_id: int, other_id: int) -> str:
        """Join contact ``other_id`` into ``keep_id`` (two records of one person,
        ``merging.merge``): one undoable change. Returns what happened, to show.

        The contacts change as any change does (``perform``: the joined one
        written, the other deleted; ``u``/``U`` undo and redo it). Its letters,
        interviews and network people move by ``MergedAway.write``, queued on
        the saver right behind the contacts each time this merge is done,
        undone or redone: a listener for this merge's change sees it go by.
        """
        keep, other = self.contacts.get(keep_id), self.contacts.get(other_id)
        if keep is None or other is None:
            return "That contact is gone"
        if keep_id == other_id:
            return f"{keep.name} cannot be merged with itself"
        if self.refuse_if_read_only():
            return self.read_only_message()
        change_set = merging.merge_change(keep, other, now=self.now())
        ledger = next(c for c in change_set.changes if isinstance(c, merging.MergedAway)).ledger

        def move_links(event: SessionEvent) -> None:
            for change in event.change_set.changes if event.change_set else ():
                if isinstance(change, merging.MergedAway) and change.ledger is ledger:
                    self.queue(
                        change.describe(), change.write, keep=recovery.lost(change.describe())
                    )

        self.listen(move_links)
        self.perform(change_set, select=keep_id)
        return change_set.description

    def undo(self) -> str:
        change_set = self.history.undo()
        if change_set is None:
            return "Nothing to undo"
        self.perform(change_set, record=False, select=_focus(change_set))
        return change_set.description

    def redo(self) -> str:
        change_set = self.history.redo()
        if change_set is None:
            return "Nothing to redo"
        self.perform(change_set, record=False, select=_focus(change_set))
        return change_set.description

    def adopt_contact(self, stored: Contact) -> None:
        """A contact another job inserted (a promotion from the network): show it, undoably."""
        if stored.id in self.contacts:
            return
        self.contacts[stored.id] = stored
        change_set = ChangeSet(f"Added {stored.name}", (ContactChange(None, stored),))
        self.history.record(change_set)
        self._emit(SessionEvent(change_set, message=change_set.description, select=stored.id))

    def new_contact(self, values: Mapping[str, object], stage: Stage) -> Contact:
        """A contact from form values (already validated), entering ``stage``
        (the same contact ``infoint add`` makes: see contacts/adding.py)."""
        return adding.new_contact(values, stage, now=self.now(), rules=self.settings.rules)

    def add_contact(
        self, contact: Contact, on_added: Callable[[Contact], None] | None = None
    ) -> None:
        """Insert a new contact; its id comes from the store, so the card appears once saved."""
        if self.refuse_if_read_only():
            return

        def job(store: Store) -> Contact:
            return adding.insert_on_top(store.contacts, contact)

        def added(stored: Contact) -> None:
            self.contacts[stored.id] = stored
            change_set = ChangeSet(f"Added {stored.name}", (ContactChange(None, stored),))
            self.history.record(change_set)
            self._emit(SessionEvent(change_set, message=change_set.description, select=stored.id))
            if on_added is not None:
                on_added(stored)

        description = f"Added {contact.name}"
        self.queue(
            description, job, added, keep=recovery.document(description, "contacts", contact)
        )

    def queue(
        self,
        description: str,
        job: Callable[[Store], Any],
        on_saved: Callable[[Any], None] | None = None,
        *,
        keep: recovery.Pending,
    ) -> int:
        """Queue ``job`` behind the other writes (services use this); ``keep`` is
        what to keep for a later start if it never gets written (``unsaved``)."""
        self._job_serial += 1
        serial = self._job_serial
        if on_saved is not None:
            self._on_saved[serial] = on_saved
        self._keep[serial] = keep
        self.saver.submit(f"{serial}\t{description}", job)
        return serial

    def unsaved(self) -> list[recovery.Pending]:
        """The changes still waiting to be written, in order, as data."""
        serials = [int(text.partition("\t")[0]) for text in self.saver.queued()]
        return [self._keep[serial] for serial in serials if serial in self._keep]

    def restore(self, kept: Sequence[recovery.Pending]) -> int:
        """Apply changes an earlier session could not save (undoable); how many."""
        applied = 0
        for pending in kept:
            if pending.kind == "contacts":
                change_set = recovery.change_set_of(pending)
                if change_set.changes:
                    self.perform(change_set, select=_focus(change_set))
                    applied += 1
            elif pending.kind == "document":
                file = str(pending.data.get("file", ""))
                raw = pending.data.get("document")
                doc_id = int(pending.data.get("id") or 0)
                if not isinstance(raw, dict):
                    continue
                if file == "contacts":
                    if doc_id:
                        continue  # only a new contact is kept as a document
                    self.add_contact(self.store.contacts.kind.load(raw, 0))
                else:
                    service = self._documents(file)
                    if service is None:
                        continue
                    service.restore(raw, doc_id, pending.description)
                applied += 1
        return applied

    def _documents(self, file: str) -> services.Documents[Any] | None:
        """The service of the file a kept change names ("profiles": an older name)."""
        every: tuple[services.Documents[Any], ...] = (
            self.letters,
            self.interviews,
            self.questions,
            self.companies,
            self.profile,
            self.network,
        )
        name = "profile" if file == "profiles" else file
        return next((service for service in every if service.kind == name), None)

    # -- saver reports (arrive on the saver thread) --------------------------------------
    def _from_saver(self, report: SaveReport) -> None:
        self._call_in_ui(lambda: self.handle_report(report))

    def handle_report(self, report: SaveReport) -> None:
        serial_text, _, description = report.description.partition("\t")
        if report.error is not None and not serial_text.isdigit():
            # Reading another process's changes failed (a file broke): nothing of
            # ours is unsaved, but the user must know the view may be stale.
            self._emit(SessionEvent(message=f"⚠ {report.error}", error=report.error))
            return
        if report.error is not None:
            self.save_error = report.error
            self._emit(
                SessionEvent(
                    message=f"Not saved: {description}", error=report.error, pending=report.pending
                )
            )
            return
        dropped = ""
        if serial_text.isdigit():
            was_failing = self.save_error is not None
            self.save_error = None
            serial = int(serial_text)
            self._keep.pop(serial, None)
            if self._unsaved.pop(serial, None) is not None:
                self._adopt_stored(report.result)
                dropped = self._drop_deleted(getattr(report.result, "dropped", ()))
            callback = self._on_saved.pop(serial, None)
            if callback is not None:
                callback(report.result)
            if report.pending == 0 or was_failing:
                self._emit(SessionEvent(message="", pending=report.pending))
        if report.changed_files:
            self._reload(report.changed_files, message=dropped or "Updated from another infoint")
        elif dropped:
            self._emit(SessionEvent(None, message=dropped, pending=self.saver.pending, reload=True))

    def _drop_deleted(self, contact_ids: Sequence[int]) -> str:
        """Our change reached contacts another infoint had deleted: they stay
        deleted (pipeline.apply dropped the change), so stop showing them.
        Returns what to tell the user ("" when nothing was dropped)."""
        if not contact_ids:
            return ""
        names = [self.contacts[i].name for i in contact_ids if i in self.contacts]
        for contact_id in contact_ids:
            self.contacts.pop(contact_id, None)
        self.history.forget(list(contact_ids))
        who = ", ".join(names) or "A contact"
        return f"{who} was deleted in another infoint; your change was not saved"

    def _adopt_stored(self, result: object) -> None:
        """Show what was stored when it differs from what we planned (the save
        merged our change onto another process's newer version)."""
        if not isinstance(result, list):
            return
        pending = {
            change.contact_id
            for change_set in self._unsaved.values()
            for change in change_set.changes
        }
        changes = tuple(
            ContactChange(self.contacts[stored.id], stored)
            for stored in result
            if isinstance(stored, Contact)
            and stored.id in self.contacts
            and stored.id not in pending
            and self.contacts[stored.id] is not stored
            and self.contacts[stored.id] != stored
        )
        if not changes:
            return
        for change in changes:
            assert change.after is not None
            self.contacts[change.after.id] = change.after
        merged = ChangeSet("Merged with another infoint's change", changes)
        self._emit(SessionEvent(merged, message=merged.description))

    def _reload(
        self, files: tuple[str, ...], *, message: str = "Updated from another infoint"
    ) -> None:
        """Another process changed the files: show its version plus our unsaved changes."""
        if "contacts" in files:
            view = dict(self.store.contacts.all())
            gone = [contact_id for contact_id in self.contacts if contact_id not in view]
            for change_set in self._unsaved.values():
                for change in change_set.changes:
                    if change.after is None:
                        view.pop(change.contact_id, None)
                    else:
                        view[change.contact_id] = change.after
            self.history.forget([contact_id for contact_id in gone if contact_id not in view])
            self.contacts = view
        self._emit(SessionEvent(None, message=message, pending=self.saver.pending, reload=True))

    def retry(self) -> None:
        self.saver.retry()

    def close(self, timeout: float = 10.0) -> bool:
        """Write everything still queued; False if some change could not be saved.

        Closing again (the command line closes after the app, whatever ended
        it) writes what was queued since, or tries again what could not be."""
        return self.saver.stop(timeout)


def _focus(change_set: ChangeSet) -> int | None:
    for change in change_set.changes:
        if change.after is not None:
            return change.after.id
    return None
