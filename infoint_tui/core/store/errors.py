"""Errors the store raises, each carrying a message a user can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Something about the data folder that the user needs to hear about."""


class CorruptFileError(StoreError):
    """A data file that cannot be read. It is never overwritten."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        if backup is not None:
            advice = (
                f"Newest good backup: {backup} (restore it with: infoint restore {backup.name})"
            )
        else:
            advice = "No good backup was found."
        super().__init__(
            f"cannot read {path}: the file {reason}. "
            f"It was left untouched and nothing will be written to it. {advice}"
        )


class NewerSchemaError(StoreError):
    """A file written by a newer infoint: refused rather than misread."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        super().__init__(
            f"cannot read {path}: it has schema version {found}, written by a newer "
            f"infoint; this one reads up to version {supported}. Upgrade infoint "
            "(pip install -U infoint). The file was left untouched."
        )


class SaveFailed(StoreError):
    """A change that could not be written; the file on disk still holds the old state."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class NotFound(StoreError):
    """No document with that id."""


class ReadOnlyData(SaveFailed):
    """A change to a store opened read-only (a read-only file system, a folder the
    user cannot write): refused before anything is tried."""

    def __init__(self, data_dir: Path, reason: str) -> None:
        self.data_dir = data_dir
        self.reason = reason
        super().__init__(
            f"the data folder {data_dir} is read-only: nothing can be saved ({reason})"
        )


class DataDirError(StoreError):
    """A folder that cannot hold the data: not a folder, cannot be created, or not
    private to this user. ``problem`` completes a sentence about ``path``."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"the folder {path} {problem}")


def link_refusal(path: Path) -> str:
    """What to say about a symbolic link where infoint was about to write."""
    return (
        f"{path} is a symbolic link; infoint will not write through it: "
        "replace it with the file it points to"
    )


class LinkRefused(SaveFailed):
    """A file infoint writes (a backup, the lock's files) is a symbolic link."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{link_refusal(path)}. Nothing was written.")
