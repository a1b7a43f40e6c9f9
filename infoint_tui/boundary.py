"""The one error boundary: a failure becomes a notice and a log entry, never a dead app.

Textual ends the app on any exception a handler lets escape, and the message
loop of the widget that raised it stops for good. Our screens, dialogs and the
app are ``Guarded``: whatever one of their handlers, actions or callbacks
raises is caught where Textual dispatches it, logged (``failure_log.py``) and
shown as a one-line notice; the screen stays usable, and a screen that fails
while opening is closed again. Workers and timers report through the app (see
``InfointApp._handle_exception``).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.message_pump import MessagePump

from .failure_log import Failure

Reporter = Callable[[Failure, MessagePump, Message | None], None]


class Guarded(MessagePump):
    """Catches what a handler of this screen, dialog or app raises (see the module)."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)
        except Exception as error:
            where = f"{type(self).__name__} handling {type(message).__name__}"
            label = getattr(self, "NAME", "") or getattr(self, "title_text", "") or "That"
            report: Reporter | None = getattr(self.app, "report_failure", None)
            if report is None:
                raise
            report(Failure(where, error, label), self, message)
