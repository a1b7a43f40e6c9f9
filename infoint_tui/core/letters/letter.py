"""Letters: the stored Letter (``letters.json``) and ``.eml`` files to send it from.

Rendering a template is in ``letter_render``, the template files in
``letter_templates``, the text rules in ``letter_lint``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from email.headerregistry import Address

from ..dates import DateError, format_date, format_timestamp, parse_date, parse_timestamp
from ..store.atomic import atomic_write
from ..store.docfile import FileKind
from ..store.migrations import plain_migrations
from ..text import clean_line, clean_text

SUBJECT_LEN = 300
BODY_LEN = 20_000
LetterStatus = Literal["draft", "sent"]


@dataclass(frozen=True, kw_only=True)
class Letter:
    """A letter to a contact: a draft until it is marked sent."""

    id: int = 0
    contact_id: int
    template: str
    subject: str = ""
    body: str = ""
    status: LetterStatus = "draft"
    created: datetime | None = None
    updated: datetime | None = None
    sent_at: datetime | None = None
    promised_follow_up: date | None = None  # the day the letter said "I'll follow up"

    @classmethod
    def create(
        cls,
        contact_id: int,
        template: str,
        subject: str,
        body: str,
        *,
        now: datetime,
        promised_follow_up: date | None = None,
    ) -> Letter:
        return cls(
            contact_id=contact_id,
            template=clean_line(template, 64),
            subject=clean_line(subject, SUBJECT_LEN),
            body=clean_text(body, BODY_LEN),
            created=now,
            updated=now,
            promised_follow_up=promised_follow_up,
        )

    def with_text(self, subject: str, body: str, *, now: datetime) -> Letter:
        return replace(
            self,
            subject=clean_line(subject, SUBJECT_LEN),
            body=clean_text(body, BODY_LEN),
            updated=now,
        )

    def mark_sent(self, *, now: datetime, promised_follow_up: date | None = None) -> Letter:
        return replace(
            self,
            status="sent",
            sent_at=now,
            updated=now,
            promised_follow_up=promised_follow_up or self.promised_follow_up,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "template": self.template,
            "subject": self.subject,
            "body": self.body,
            "status": self.status,
            "created": _stamp(self.created),
            "updated": _stamp(self.updated),
            "sent_at": _stamp(self.sent_at),
            "promised_follow_up": (
                format_date(self.promised_follow_up) if self.promised_follow_up else None
            ),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: int = 0) -> Letter:
        """A letter read from a file: cleaned again, since files can be edited by hand."""
        contact_id = data.get("contact_id")
        if isinstance(contact_id, bool) or not isinstance(contact_id, int):
            raise ValueError(f"contact_id must be a number, not {contact_id!r}")
        return cls(
            id=id,
            contact_id=contact_id,
            template=clean_line(data.get("template") or "", 64),
            subject=clean_line(data.get("subject") or "", SUBJECT_LEN),
            body=clean_text(data.get("body") or "", BODY_LEN),
            status="sent" if data.get("status") == "sent" else "draft",
            created=_moment(data.get("created")),
            updated=_moment(data.get("updated")),
            sent_at=_moment(data.get("sent_at")),
            promised_follow_up=_day(data.get("promised_follow_up")),
        )


def _stamp(moment: datetime | None) -> str | None:
    return format_timestamp(moment) if moment else None


def _moment(value: object) -> datetime | None:
    return parse_timestamp(str(value)) if value else None


def _day(value: object) -> date | None:
    try:
        return parse_date(value) if isinstance(value, str) and value else None
    except DateError:
        return None  # a hand-edited date that is not one: forget it, keep the letter


LETTERS: FileKind[Letter] = FileKind("letters", 1, Letter.from_dict, plain_migrations("letters"))


# -- .eml ---------------------------------------------------------------------------------
def default_file_name(contact_name: str, template: str) -> str:
    """``ada-okafor-thank-you.txt``: safe in any folder, whatever the name holds."""
    safe = "".join(char if char.isalnum() else "-" for char in contact_name.lower()).strip("-")
    return f"{safe or 'letter'}-{template}.txt"


def letter_path(typed: str, folder: Path) -> Path:
    """Where a letter typed as ``typed`` is written: a path from ``/`` or ``~`` as
    given, anything else inside the letters folder (never the folder the app
    happened to start in); a name without a suffix becomes a ``.txt`` file."""
    path = Path(typed.strip()).expanduser()
    if not path.is_absolute():
        path = folder / path
    if not path.suffix:
        path = path.with_name(path.name + ".txt")
    return path


def to_eml(
    subject: str,
    body: str,
    to_name: str,
    to_email: str,
    from_name: str,
    from_email: str,
    when: datetime,
) -> bytes:
    """An RFC 5322 message a mail client opens as a draft to send.

    Names and the subject are cleaned to one line first, so a newline in a
    contact's name cannot start a new header (``Bcc:``).
    """
    # The email package is only needed here: not imported when the app starts.
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    # 7-bit: a non-ASCII body goes quoted-printable, so the file survives any tool.
    message = EmailMessage(policy=SMTP.clone(cte_type="7bit"))
    if from_email:
        message["From"] = _address(from_name, from_email)
    if to_email:
        message["To"] = _address(to_name, to_email)
    message["Subject"] = clean_line(subject, SUBJECT_LEN)
    message["Date"] = format_datetime(when.astimezone())
    message["X-Unsent"] = "1"  # Outlook opens it as a draft, ready to send
    message.set_content(clean_text(body, BODY_LEN) + "\n")
    return message.as_bytes()


def write_letter_file(
    path: Path,
    subject: str,
    body: str,
    *,
    to_name: str,
    to_email: str,
    from_name: str,
    from_email: str,
    now: datetime,
    data_dir: Path | None = None,
    as_eml: bool | None = None,
) -> None:
    """Write the letter to ``path``: a ``.eml`` mail draft (``to_eml``) when
    ``as_eml`` or the name ends in .eml, else plain text with its subject on
    top. The folder is made (private) if need be; the file is replaced
    atomically. Never inside ``data_dir``, where it could replace the data.

    Raises OSError when it cannot be written (the old file, if any, is intact)
    and ValueError for an address that is not one or a path in the data folder.
    """
    from ..exchange.exports import inside_folder

    if data_dir is not None and inside_folder(path, data_dir):
        raise ValueError(f"{path} is inside the data folder {data_dir}; choose another place")
    if as_eml if as_eml is not None else path.suffix.lower() == ".eml":
        data = to_eml(subject, body, to_name, to_email, from_name, from_email, now)
    else:
        data = f"Subject: {subject}\n\n{body}\n".encode()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(path, data)


def _address(name: str, email: str) -> Address:
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    spec = clean_line(email, 254)
    try:
        return Address(display_name=clean_line(name, 120), addr_spec=spec)
    except (ValueError, HeaderParseError) as error:
        raise ValueError(f"{spec!r} is not an e-mail address") from error
