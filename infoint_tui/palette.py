"""The command palette (ctrl+p): the app's commands and "jump to contact"."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from .core.contacts.board import recently_changed
from .shell import Shell


def literal_highlight(matcher: Matcher, label: str) -> Content:
    """Like Matcher.highlight, but the label is never parsed as markup (names are data)."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ContactJumpProvider(Provider):
    """Type part of a name or company to jump straight to that contact's card."""

    @property
    def _app(self) -> Shell:
        assert isinstance(self.app, Shell)
        return self.app

    async def search(self, query: str) -> Hits:
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
        for contact in recently_changed(self._app.session.contacts.values(), 10):
            yield DiscoveryHit(
                Content(f"{contact.name} · {contact.company}" if contact.company else contact.name),
                partial(self._app.jump_to_contact, contact.id),
                help="Jump to contact (recently changed)",
            )
