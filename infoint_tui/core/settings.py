"""The user's settings file (``settings.toml`` in the data folder), read, never rewritten.

It is the user's own file, edited by hand, so the app only reads it. A mistake
in it gives a clear message and the defaults, never a refusal to start.
"""

from __future__ import annotations

import contextlib
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .contacts.advice import TOP_TITLES
from .contacts.followups import FollowUpRules
from .dates import WEEKENDS_ONLY, BusinessDays, HolidayError
from .store.atomic import atomic_write

SETTINGS_NAME = "settings.toml"
DEFAULT_LETTERS_FOLDER = Path("~/infoint-letters")

SETTINGS_TEMPLATE = """\
# infoint settings. Delete a line to get its default back.

[keymap]
# Remap any key by its binding id (see the ? screen). Several keys: "L,shift+right".
# "contact.move_on" = "L,shift+right"
# "app.quit" = "q"

[follow_up]
# requested_business_days = 3   # after a request is sent
# follow_up_business_days = 7   # after a follow-up is sent
# thank_you_days = 1            # after the interview
# linkedin_days = 2             # after the thank-you: ask to connect on LinkedIn
# article_days = 21             # after the LinkedIn step: share an article
# keep_in_touch_weeks = 6       # then a nudge every N weeks

[holidays]
# country = "GB"                # its public holidays are not business days (GB, US, DE...)
# subdivision = "ENG"           # and its region's: ENG, SCT; US: CA, NY; DE: BY, BE

[letters]
# word_limit = 75
# linkedin_note_limit = 300     # characters LinkedIn allows in an invitation note
# folder = "~/infoint-letters"  # where o writes a letter given a name without a folder

[interview]
# warnings = [10, 5]            # minutes left when the bell rings

[people]
# top_titles = ["ceo", "chief executive", "founder", "co-founder", "president",
#               "managing director", "owner"]   # the top of a company: ask one step down
"""


@dataclass(frozen=True)
class Settings:
    keymap: dict[str, str] = field(default_factory=dict)
    rules: FollowUpRules = field(default_factory=FollowUpRules)
    word_limit: int = 75
    linkedin_note_limit: int = 300
    letters_folder: Path = field(default_factory=lambda: DEFAULT_LETTERS_FOLDER.expanduser())
    warnings: tuple[int, ...] = (10, 5)
    top_titles: tuple[str, ...] = TOP_TITLES  # the top of a company: ask one step down
    problems: tuple[str, ...] = ()


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_NAME


def write_template_if_missing(data_dir: Path) -> None:
    path = settings_path(data_dir)
    if not path.exists():
        # A read-only data folder: the defaults apply, nothing to tell.
        with contextlib.suppress(OSError):
            atomic_write(path, SETTINGS_TEMPLATE.encode("utf-8"))


def load_settings(data_dir: Path) -> Settings:
    path = settings_path(data_dir)
    try:
        raw: dict[str, object] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(problems=(f"{path}: {error}; using the defaults",))
    except RecursionError:
        reason = "arrays or tables are nested too deep"
        return Settings(problems=(f"{path}: {reason}; using the defaults",))
    except ValueError:  # tomllib lets int()'s limit through untranslated
        reason = f"a number has more than {sys.get_int_max_str_digits()} digits"
        return Settings(problems=(f"{path}: {reason}; using the defaults",))
    problems: list[str] = []
    keymap = _keymap(raw.get("keymap", {}), problems)
    rules = _rules(raw.get("follow_up", {}), problems)
    rules = replace(rules, calendar=_calendar(_table(raw, "holidays", problems), problems))
    letters = _table(raw, "letters", problems)
    word_limit = _int(letters, "word_limit", 75, 10, 1000, problems)
    note_limit = _int(letters, "linkedin_note_limit", 300, 50, 10000, problems)
    folder = letters.get("folder", str(DEFAULT_LETTERS_FOLDER))
    if not isinstance(folder, str) or not folder.strip():
        problems.append(f"letters.folder must be a folder's path; using {DEFAULT_LETTERS_FOLDER}")
        folder = str(DEFAULT_LETTERS_FOLDER)
    interview = _table(raw, "interview", problems)
    warnings = interview.get("warnings", [10, 5])
    if not (isinstance(warnings, list) and all(isinstance(w, int) and w > 0 for w in warnings)):
        problems.append("interview.warnings must be a list of whole minutes, e.g. [10, 5]")
        warnings = [10, 5]
    people = _table(raw, "people", problems)
    top_titles = people.get("top_titles", list(TOP_TITLES))
    if not (isinstance(top_titles, list) and all(isinstance(t, str) for t in top_titles)):
        problems.append('people.top_titles must be a list of titles, e.g. ["ceo", "founder"]')
        top_titles = list(TOP_TITLES)
    return Settings(
        keymap=keymap,
        rules=rules,
        word_limit=word_limit,
        linkedin_note_limit=note_limit,
        letters_folder=Path(folder).expanduser(),
        warnings=tuple(sorted(set(warnings), reverse=True)),
        top_titles=tuple(title.strip() for title in top_titles if title.strip()),
        problems=tuple(f"{path}: {problem}" for problem in problems),
    )


def _table(raw: Mapping[str, object], name: str, problems: list[str]) -> Mapping[str, object]:
    section = raw.get(name, {})
    if isinstance(section, dict):
        return section
    problems.append(f"[{name}] must be a table")
    return {}


def _keymap(section: object, problems: list[str]) -> dict[str, str]:
    if not isinstance(section, dict):
        problems.append('[keymap] must be a table of binding id = "keys"')
        return {}
    keymap: dict[str, str] = {}
    for binding_id, keys in section.items():
        if isinstance(keys, str) and keys.strip():
            keymap[str(binding_id)] = keys.replace(" ", "")
        else:
            problems.append(f"keymap {binding_id!r} must be a string of keys")
    return keymap


def _rules(section: object, problems: list[str]) -> FollowUpRules:
    if not isinstance(section, dict):
        problems.append("[follow_up] must be a table")
        return FollowUpRules()
    defaults = FollowUpRules()
    values: dict[str, Any] = {
        spec.name: _int(section, spec.name, getattr(defaults, spec.name), 0, 365, problems)
        for spec in fields(FollowUpRules)
        if spec.name != "calendar"  # from [holidays]
    }
    return FollowUpRules(**values)


def _calendar(section: Mapping[str, object], problems: list[str]) -> BusinessDays:
    """The business days of [holidays]: weekends only unless a known country is set."""
    country = section.get("country", "")
    subdivision = section.get("subdivision", "")
    if not isinstance(country, str) or not isinstance(subdivision, str):
        problems.append(
            '[holidays] country and subdivision must be text, e.g. country = "GB"; '
            "skipping only weekends"
        )
        return WEEKENDS_ONLY
    try:
        return BusinessDays.checked(country, subdivision)
    except HolidayError as error:
        problems.append(f"[holidays] {error}; skipping only weekends")
        return WEEKENDS_ONLY


def _int(
    section: Mapping[str, object], key: str, default: int, low: int, high: int, problems: list[str]
) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(f"{key} must be a whole number from {low} to {high}; using {default}")
        return default
    return value
