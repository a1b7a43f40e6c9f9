"""The contact form shows how a letter uses the hook: an example in the empty field."""

from __future__ import annotations

from textual.widgets import TextArea

from infoint_tui.core.documents import Store
from infoint_tui.modals.contact_form import ContactForm
from tests.conftest import FakeClock
from tests.ui.helpers import press, running, screen_text


async def test_the_empty_hook_field_shows_an_example_written_to_follow_i_enjoyed(
    store: Store, clock: FakeClock
) -> None:
    async with running(store, clock) as (app, pilot):
        await press(pilot, "n")
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#field-hook", TextArea).text == ""
        shown = screen_text(app)
        hook_line = next(line for line in shown.splitlines() if "Hook (article or post)" in line)
        assert "your post on supply-chain data" in hook_line
        assert "letters say" in hook_line and "enjoyed …”" in shown  # wrapped at 80 columns
