"""The command palette (ctrl+p): the commands of the screen, and "jump to contact"."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen
from textual.system_commands import SystemCommandsProvider

from .core.contacts.board import recently_changed
from .keys import COMMANDS, EVERYWHERE
from .shell import Shell


def screen_commands(app: Shell, screen: Screen[object]) -> Iterable[SystemCommand]:
    """What the palette offers on ``screen``, drawn from the same commands as its
    keys: each one the screen answers right now, named with the key that gives
    it (as remapped), then the app's own. The command that opened the screen is
    left out (it would only close it again)."""
    opened_by = getattr(screen, "OPENED_BY", "")
    seen = {opened_by}
    for active in screen.active_bindings.values():
        binding = active.binding
        command = COMMANDS.get(binding.id or "")
        if command is None or not command.palette or command.id in seen or not active.enabled:
            continue
        seen.add(command.id)
        key = f"key {app.get_key_display(binding)}"
        words = key if command.words == command.palette else f"{command.words} · {key}"
        yield SystemCommand(
            command.palette, words, partial(app.run_action, binding.action, active.node)
        )
    for command in EVERYWHERE:
        if command.id not in seen:
            yield SystemCommand(
                command.palette, command.words, partial(app.run_action, command.action)
            )


def literal_highlight(matcher: Matcher, label: str) -> Content:
    """Like Matcher.highlight, but the label is never parsed as markup (names are data)."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class PaletteProvider(SystemCommandsProvider):
    """Everything the palette lists, in one order: the screen's commands, then
    the contacts (type part of a name or company to jump to that card).

    One provider, because Textual starts the providers of a set side by side in
    no fixed order: with two, the list opened with the commands or with the
    contacts depending on where Python had put the two classes in memory.
    """

    @property
    def _app(self) -> Shell:
        assert isinstance(self.app, Shell)
        return self.app

    async def search(self, query: str) -> Hits:
        async for hit in super().search(query):
            yield hit
        matcher = self.matcher(query)
        found = 0
        for contact in list(self._app.session.contacts.values()):
            label = f"{contact.name} · {contact.company}" if contact.company else contact.name
            score = matcher.match(label)
            if score > 0:
                found += 1
                yield Hit(
                    score,
                    literal_highlight(matcher, label),
                    partial(self._app.jump_to_contact, contact.id),
                    text=label,
                    help=f"Jump to contact ({contact.stage.label})",
                )
                if found >= 200:
                    return

    async def discover(self) -> Hits:
        async for hit in super().discover():
            yield hit
        for contact in recently_changed(self._app.session.contacts.values(), 10):
            yield DiscoveryHit(
                Content(f"{contact.name} · {contact.company}" if contact.company else contact.name),
                partial(self._app.jump_to_contact, contact.id),
                help="Jump to contact (recently changed)",
            )
