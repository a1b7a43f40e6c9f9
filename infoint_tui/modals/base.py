"""What every dialog shares: the error boundary (see ``boundary.py``)."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from ..boundary import Guarded
from ..frames import release_when_settled

T = TypeVar("T")


class Dialog(Guarded, ModalScreen[T]):
    """A question on top of a screen; it returns its answer with ``dismiss``."""

    def on_screen_resume(self) -> None:
        release_when_settled(self)
