"""The letter editor with a shared template that prints escape sequences: shown, not obeyed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from infoint_tui.core.documents import Store
from infoint_tui.modals.confirm import ConfirmModal
from infoint_tui.screens.letter import LetterScreen
from tests.conftest import FakeClock
from tests.ui.helpers import press, running

# A user template overriding the bundled one `w` opens for Bruno Salas: OSC 52
# (clipboard), OSC 0 (window title), CSI clear screen, 8-bit CSI, a bidi override;
# both printed by Jinja expressions and written raw into the file.
HOSTILE = (
    'Subject: Hi {{ contact.first_name }}{{ "\\x1b]0;pwned\\x07" }}\x9b2J\x1b]0;pwned\x1b\\\n'
    "\n"
    'Dear {{ contact.first_name }},{{ "\\x1b]52;c;aGVsbG8=\\x07" }}\x1b[2J\n'
    "\tCafé 日本 \u202e{{ letter.visit_dates }}\x07\n"
)


async def test_a_hostile_template_reaches_neither_the_preview_nor_the_clipboard(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    folder = data_dir / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "referral-request.txt.j2").write_text(HOSTILE, "utf-8")
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "down", "w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LetterScreen)
        assert screen.template_name == "referral-request"
        shown = str(screen.query_one("#letter-preview", Static).render())
        assert shown.startswith("Subject: Hi Bruno\n\nDear Bruno,\n")
        assert "Café 日本" in shown
        # Nothing on screen (preview, template pane, lists) carries a control to the terminal.
        for strip in screen._compositor.render_strips():
            for segment in strip:
                for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
                    assert bad not in segment.text, (bad, segment.text)
        await press(pilot, "y")
        if isinstance(app.screen, ConfirmModal):  # the letter has a placeholder
            await press(pilot, "y")
        assert app.clipboard.startswith("Subject: Hi Bruno\n\nDear Bruno,\n")
        for text in (shown, app.clipboard):
            for bad in ("\x1b", "\x07", "\x9b", "\u202e", "pwned", "aGVsbG8="):
                assert bad not in text, (bad, text)
