"""A small stats view: the funnel, reply rate per template, outreach per week."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from ..core import stats
from ..keys import BACK, LIST_KEYS, STATS, bindings
from ..paths import style_path
from ..shell import Place
from ..widgets.keybar import KeyBar
from ..widgets.list_keys import Scroll

BAR_WIDTH = 40


class StatsScreen(Place):
    CSS_PATH = style_path("lists.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(BACK, *LIST_KEYS)
    OPENED_BY = STATS.id

    NAME = "Stats"

    def action_cursor(self, delta: int) -> None:
        self.query_one("#stats-body", Scroll).move(delta)

    def action_page(self, direction: int) -> None:
        self.query_one("#stats-body", Scroll).page(direction)

    def action_edge(self, last: int) -> None:
        self.query_one("#stats-body", Scroll).edge(last)

    def compose(self) -> ComposeResult:
        yield Static(Text("infoint · Stats", style="bold"), id="stats-title")
        with Scroll(id="stats-body"):
            yield Static(id="stats-funnel")
            yield Static(id="stats-replies")
            yield Static(id="stats-weeks")
        yield KeyBar()

    def on_mount(self) -> None:
        session = self.app.session
        contacts = list(session.contacts.values())
        letters = list(session.letters.all().values())
        reached = stats.funnel(contacts)
        top = max(reached.values(), default=0)
        funnel = Table.grid(padding=(0, 1))
        funnel.title = "How far contacts got"
        funnel.add_column(no_wrap=True)
        funnel.add_column(justify="right")
        funnel.add_column()
        for stage, count in reached.items():
            funnel.add_row(stage.label, str(count), stats.bar(count, top, BAR_WIDTH))
        self.query_one("#stats-funnel", Static).update(funnel)

        rates = stats.reply_rates(letters, session.contacts)
        replies = Table.grid(padding=(0, 2))
        replies.add_column(no_wrap=True)
        replies.add_column(justify="right")
        replies.add_column(justify="right")
        replies.add_row(Text("Reply rate per template", style="bold"), "sent", "replied")
        if not rates:
            replies.add_row(
                Text("No letters marked sent yet (m in the letter editor)", style="dim")
            )
        for rate in rates:
            replies.add_row(rate.template, str(rate.sent), f"{rate.replied} ({rate.rate:.0%})")
        self.query_one("#stats-replies", Static).update(replies)

        weeks = stats.outreach_per_week(contacts, letters, session.today())
        bars, numbers = stats.week_columns([count for _, count in weeks])
        start = f"{weeks[0][0]:%d %b} "  # the counts line up under the bars after it
        line = Text("Outreach per week (requests and letters), last 12 weeks\n", style="bold")
        line.append(f"{start}{bars} this week", style="")
        line.append(f"\n{' ' * cell_len(start)}{numbers}", style="dim")
        self.query_one("#stats-weeks", Static).update(line)
