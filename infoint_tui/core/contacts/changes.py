"""Changes to contacts as before/after pairs: what undo, redo and the saver work with."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .model import Contact

Transform = Callable[[Contact], Contact]


@dataclass(frozen=True)
class ContactChange:
    """One contact before and after (None: did not exist / was deleted).

    ``transform`` re-applies the change to a newer version of the contact, for
    when another process edited it after we read it: a stage move then lands on
    their version instead of overwriting it.
    """

    before: Contact | None
    after: Contact | None
    transform: Transform | None = None

    @property
    def contact_id(self) -> int:
        found = self.after or self.before
        assert found is not None, "a change needs a before or an after"
        return found.id

    def inverted(self) -> ContactChange:
        return ContactChange(before=self.after, after=self.before)


def merge_onto(before: Contact, after: Contact, current: Contact) -> Contact:
    """Apply what changed between ``before`` and ``after`` to ``current``.

    For when another process changed the contact after we read it: fields we
    did not touch keep their value; entries we appended to a timeline or a
    history are appended to theirs.
    """
    changed: dict[str, object] = {}
    for name in before.__dataclass_fields__:
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        theirs = getattr(current, name)
        if isinstance(old, tuple) and isinstance(new, tuple) and new[: len(old)] == old:
            changed[name] = (*theirs, *new[len(old) :])
        else:
            changed[name] = new
    return replace(current, **changed) if changed else current  # type: ignore[arg-type]


@dataclass(frozen=True)
class ChangeSet:
    """Everything one user action changed, described for the status line."""

    description: str
    changes: tuple[ContactChange, ...]

    def inverted(self, verb: str) -> ChangeSet:
        return ChangeSet(
            f"{verb}: {self.description}",
            tuple(change.inverted() for change in reversed(self.changes)),
        )


@dataclass
class UndoHistory:
    """Undo and redo stacks of change sets, bounded so memory stays flat."""

    limit: int = 100
    _done: list[ChangeSet] = field(default_factory=list)
    _undone: list[ChangeSet] = field(default_factory=list)

    def record(self, change_set: ChangeSet) -> None:
        self._done.append(change_set)
        del self._done[: -self.limit]
        self._undone.clear()

    def undo(self) -> ChangeSet | None:
        """The change set that undoes the last action, or None."""
        if not self._done:
            return None
        change_set = self._done.pop()
        self._undone.append(change_set)
        return change_set.inverted("Undone")

    def redo(self) -> ChangeSet | None:
        if not self._undone:
            return None
        change_set = self._undone.pop()
        self._done.append(change_set)
        return ChangeSet(f"Redone: {change_set.description}", change_set.changes)

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def forget(self, contact_ids: Sequence[int]) -> None:
        """Drop history about contacts another process removed."""
        gone = set(contact_ids)
        self._done = [cs for cs in self._done if not _touches(cs, gone)]
        self._undone = [cs for cs in self._undone if not _touches(cs, gone)]


def _touches(change_set: ChangeSet, ids: set[int]) -> bool:
    return any(change.contact_id in ids for change in change_set.changes)
