"""Every command a key can give, defined once.

A command is one thing a user can do: its id (what settings.toml [keymap]
remaps), its keys, the action it runs and the words that name it. A screen
lists the commands it answers (``BINDINGS = bindings(...)``); the key line, the
``?`` screen and the command palette are all drawn from those bindings, so a
command remapped once is remapped everywhere, and a command reachable from two
screens (move a contact on, undo, the list keys) behaves the same on both
because it runs the same action.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, fields, replace

from textual.binding import Binding, BindingType

# Every command by id, as each is defined (a screen's module defines its own
# commands when it is first imported). An id defined twice is a mistake the
# import itself reports.
COMMANDS: dict[str, Command] = {}


@dataclass(frozen=True)
class Command:
    id: str
    keys: str  # Textual's key names, comma separated; "" for a palette-only command
    action: str
    label: str  # on the key line
    tooltip: str = ""  # a sentence for ? and the palette (the label when empty)
    _: KW_ONLY
    show: bool = False  # on the key line
    key_display: str | None = None
    palette: str = ""  # its name in the command palette; "" keeps it out

    def __post_init__(self) -> None:
        known = COMMANDS.setdefault(self.id, self)
        same = all(
            getattr(known, field.name) == getattr(self, field.name)
            for field in fields(self)
            if field.name != "show"  # hidden() and shown() give the same command
        )
        if not same:
            raise ValueError(f"command {self.id!r} is defined twice, differently")

    @property
    def words(self) -> str:
        return self.tooltip or self.label

    def hidden(self) -> Command:
        """The same command, off the key line of a crowded screen (still on ? and the palette)."""
        return replace(self, show=False)

    def shown(self) -> Command:
        """The same command, on the key line of a screen where it matters most."""
        return replace(self, show=True)

    def binding(self) -> Binding:
        assert self.keys, f"{self.id} has no keys: it lives in the palette only"
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            key_display=self.key_display,
            id=self.id,
            tooltip=self.tooltip,
        )


def bindings(*commands: Command) -> list[BindingType]:
    return [command.binding() for command in commands]


# -- anywhere (the app's own keys) ---------------------------------------------------
QUIT = Command(
    "app.quit", "q", "app.quit", "Quit", "Save everything and quit", show=True, palette="Quit"
)
# The keys that open a place close it again when pressed on it (Navigator.toggle).
TODAY = Command(
    "app.today", "T", "app.today", "Today", "What is due today", show=True, palette="Today"
)
PROFILE = Command(
    "app.profile",
    "P",
    "app.profile",
    "Profile",
    "Your name, contact details and background",
    palette="Profile",
)
COMPANIES = Command(
    "app.companies",
    "C",
    "app.companies",
    "Companies",
    "Target companies, LAMP scores",
    palette="Companies",
)
STATS = Command(
    "app.stats",
    "S",
    "app.stats",
    "Stats",
    "Funnel, reply rate, outreach per week",
    palette="Stats",
)
NETWORK = Command(
    "app.network",
    "N",
    "app.network",
    "Network",
    "Everyone you know; promote to Target",
    palette="Network",
)
HELP = Command(
    "app.help",
    "question_mark",
    "app.help",
    "Keys",
    "Every key of this screen",
    show=True,
    key_display="?",
    palette="Keys",
)
PALETTE = Command(
    "app.command_palette",
    "ctrl+p",
    "app.command_palette",
    "Commands",
    "Command palette and jump to contact",
)
IMPORT = Command(
    "app.import",
    "i",
    "app.import",
    "Import",
    "LinkedIn connections, a CSV or vCards",
    show=True,
    palette="Import",
)
THEME = Command(
    "app.theme", "", "app.change_theme", "Theme", "Change the colour theme", palette="Theme"
)

APP_KEYS = (TODAY, QUIT, PROFILE, COMPANIES, STATS, NETWORK, HELP, PALETTE)
# In the palette on every screen, whether or not the screen has a key for them.
EVERYWHERE = (*APP_KEYS, IMPORT, THEME)

# -- every screen and every list -------------------------------------------------------
BACK = Command("back", "escape,q", "back", "Back", show=True, key_display="esc")
UNDO = Command("undo", "u", "undo", "Undo", "Undo the last change", palette="Undo")
REDO = Command("redo", "U", "redo", "Redo", "Redo what was undone", palette="Redo")
FILTER = Command(
    "list.filter",
    "slash",
    "filter",
    "Filter",
    "Filter as you type",
    show=True,
    key_display="/",
    palette="Filter",
)
LIST_KEYS = (
    Command("list.up", "up,k", "cursor(-1)", "Up"),
    Command("list.down", "down,j", "cursor(1)", "Down"),
    Command("list.page_up", "pageup", "page(-1)", "Page up"),
    Command("list.page_down", "pagedown", "page(1)", "Page down"),
    Command("list.first", "home,g", "edge(0)", "First"),
    Command("list.last", "end,G", "edge(1)", "Last"),
)
# Moving the highlighted thing itself up or down its list (a card in its lane,
# a question in the order they are asked).
ORDER_UP = Command(
    "list.order_up", "K,shift+up", "reorder(-1)", "Up", "Move it up", key_display="K"
)
ORDER_DOWN = Command(
    "list.order_down", "J,shift+down", "reorder(1)", "Down", "Move it down", key_display="J"
)

# -- a contact: the board, the contact screen, Today --------------------------------------
NEW_CONTACT = Command(
    "contact.new",
    "n",
    "new",
    "New",
    "Add a contact to this stage",
    show=True,
    palette="New contact",
)
OPEN_CONTACT = Command(
    "contact.open", "enter,e", "open", "Open", "Open the contact", show=True, key_display="e"
)
EDIT_CONTACT = Command(
    "contact.edit", "e", "edit", "Edit", "Edit the contact", show=True, palette="Edit contact"
)
MOVE_BACK = Command(
    "contact.move_back",
    "shift+left,H",
    "move(-1)",
    "◀Move",
    "Move to the previous stage",
    show=True,
    key_display="H",
    palette="Move to the previous stage",
)
MOVE_ON = Command(
    "contact.move_on",
    "shift+right,L",
    "move(1)",
    "Move▶",
    "Move to the next stage",
    show=True,
    key_display="L",
    palette="Move to the next stage",
)
INTERVIEW = Command(
    "contact.interview",
    "t",
    "interview",
    "Interview",
    "Start or go on with the interview",
    show=True,
    palette="Interview",
)
QUESTIONS = Command(
    "contact.questions",
    "Q",
    "questions",
    "Questions",
    "Choose the questions to ask",
    show=True,
    palette="Questions",
)
WRITE = Command(
    "contact.write", "w", "write", "Letter", "Write a letter", show=True, palette="Write a letter"
)
LOG = Command(
    "contact.log", "i", "log", "Log", "Log a reply, call or note", show=True, palette="Log"
)
SCHEDULE = Command(
    "contact.schedule",
    "m",
    "schedule",
    "Meet",
    "Agree or move the meeting's time and place, in words",
    show=True,
    palette="Schedule or move the meeting",
)
OPEN_REFERRER = Command(
    "contact.open_referrer",
    "R",
    "open_referrer",
    "Referrer",
    "Open the contact who referred them (offers to promote one only in the network)",
    palette="Open the referrer",
)
ASK_REFERRAL = Command(
    "contact.ask_referral",
    "A",
    "ask_referral",
    "Ask referral",
    "Choose who you know at their company to refer you (a network person is promoted)",
    palette="Ask someone there for a referral",
)
PAST_INTERVIEWS = Command(
    "contact.past_interviews",
    "v",
    "past_interviews",
    "Past interviews",
    "Read the interviews held: questions, answers, notes, advice, introductions",
    palette="Past interviews",
)
CANCEL_MEETING = Command(
    "contact.cancel_meeting",
    "x",
    "cancel_meeting",
    "Cancel meeting",
    "Call the booked meeting off (asks what next)",
    palette="Cancel the meeting",
)
DELETE_CONTACT = Command(
    "contact.delete",
    "d",
    "delete",
    "Delete",
    "Delete the contact (asks first)",
    palette="Delete contact",
)
MERGE_CONTACT = Command(
    "contact.merge",
    "M",
    "merge",
    "Merge",
    "Merge another record of this person into this one (asks which; u undoes)",
    palette="Merge with another contact",
)

# -- dialogs --------------------------------------------------------------------------
SAVE_FORM = Command(
    "form.save", "ctrl+o", "save", "Save", "Save (enter in a one-line field)", show=True
)
CANCEL = Command("dialog.cancel", "escape", "cancel", "Cancel", show=True)
# A dialog with no text to type in closes with q too.
CLOSE = Command("dialog.close", "escape,q", "cancel", "Close", show=True)

# Ids that were renamed when the commands were gathered here: a keymap that
# still uses one keeps working (app.py says so once at start).
RENAMED = {
    "board.card_prev": "list.up",
    "board.card_next": "list.down",
    "board.page_up": "list.page_up",
    "board.page_down": "list.page_down",
    "board.first": "list.first",
    "board.last": "list.last",
    "board.stage_prev": "contact.move_back",
    "board.stage_next": "contact.move_on",
    "contact.stage_prev": "contact.move_back",
    "contact.stage_next": "contact.move_on",
    "board.new": "contact.new",
    "board.open": "contact.open",
    "today.open": "contact.open",
    "network.open": "contact.open",
    "board.delete": "contact.delete",
    "board.interview": "contact.interview",
    "board.write": "contact.write",
    "today.write": "contact.write",
    "today.log": "contact.log",
    "board.undo": "undo",
    "contact.undo": "undo",
    "today.undo": "undo",
    "questions.undo": "undo",
    "board.redo": "redo",
    "board.reorder_up": "list.order_up",
    "board.reorder_down": "list.order_down",
    "questions.up": "list.order_up",
    "questions.down": "list.order_down",
    "board.filter": "list.filter",
    "network.filter": "list.filter",
    "network.import": "app.import",
    "network.up": "list.up",
    "network.down": "list.down",
    "network.page_up": "list.page_up",
    "network.page_down": "list.page_down",
    "network.first": "list.first",
    "network.last": "list.last",
    "companies.up": "list.up",
    "companies.down": "list.down",
    "companies.first": "list.first",
    "companies.last": "list.last",
    "today.up": "list.up",
    "today.down": "list.down",
    "today.page_up": "list.page_up",
    "today.page_down": "list.page_down",
    "interview.next": "list.down",
    "interview.previous": "list.up",
    "help.up": "list.up",
    "help.down": "list.down",
    "record.save": "form.save",
    "record.cancel": "dialog.cancel",
    "form.cancel": "dialog.cancel",
    "prompt.cancel": "dialog.cancel",
    "choice.cancel": "dialog.close",
    "help.close": "dialog.close",
    **{
        f"{screen}.back": "back"
        for screen in (
            "companies",
            "contact",
            "import",
            "interview",
            "letter",
            "network",
            "questions",
            "stats",
            "today",
        )
    },
}
