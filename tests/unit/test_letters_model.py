"""The stored Letter, its file kind, and the .eml a mail client opens."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from infoint_tui.core.documents import Store
from infoint_tui.core.letters.letter import LETTERS, Letter, to_eml, write_letter_file
from infoint_tui.core.store.docfile import DocumentFile
from tests.conftest import START, FakeClock


def test_a_new_letter_is_a_cleaned_draft() -> None:
    letter = Letter.create(
        3,
        "cold-request",
        "Hi\x1b[31m there\nBcc: x",
        "Dear Ada,\r\n\x07Would Tuesday suit?\n",
        now=START,
        promised_follow_up=date(2026, 12, 1),
    )
    assert letter.status == "draft"
    assert letter.subject == "Hi there Bcc: x"
    assert letter.body == "Dear Ada,\nWould Tuesday suit?"
    assert (letter.created, letter.updated, letter.sent_at) == (START, START, None)


def test_round_trip_through_a_dict() -> None:
    letter = Letter.create(3, "thank-you", "Thanks", "Dear Ada,\n\nThank you.", now=START)
    sent = letter.mark_sent(now=START + timedelta(hours=1), promised_follow_up=date(2026, 12, 1))
    data = sent.to_dict()
    assert data["status"] == "sent"
    assert data["sent_at"] == "2026-11-26T10:30:00Z"
    assert data["promised_follow_up"] == "2026-12-01"
    assert Letter.from_dict(data, 5) == replace(sent, id=5)


def test_edits_keep_the_letter_and_bump_updated() -> None:
    letter = Letter.create(3, "article", "A", "B", now=START)
    later = START + timedelta(minutes=5)
    edited = letter.with_text("New subject", "New body", now=later)
    assert (edited.subject, edited.body, edited.updated, edited.created) == (
        "New subject",
        "New body",
        later,
        START,
    )


def test_hand_edited_documents_are_cleaned_or_refused() -> None:
    loaded = Letter.from_dict(
        {
            "contact_id": 2,
            "template": "x" * 100,
            "subject": "a\nb",
            "body": "ok\x00",
            "status": "posted",
            "promised_follow_up": "2026-02-30",
        },
        1,
    )
    assert (loaded.status, loaded.subject, loaded.body) == ("draft", "a b", "ok")
    assert len(loaded.template) == 64
    assert loaded.promised_follow_up is None
    with pytest.raises(ValueError):
        Letter.from_dict({"contact_id": "two"}, 1)
    with pytest.raises(ValueError):
        Letter.from_dict({"contact_id": True}, 1)


def test_letters_file_kind_stores_and_reloads(data_dir: Path, clock: FakeClock) -> None:
    store = Store(data_dir, clock=clock).open()
    letters = store.letters
    letters.load()
    stored = letters.insert(Letter.create(1, "cold-request", "Hi", "Body?", now=clock()))
    assert stored.id == 1
    again = DocumentFile(data_dir, LETTERS, store.lock, clock)
    again.load()
    assert again.require(1) == stored
    assert (data_dir / "letters.json").exists()


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


WHEN = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def test_eml_parses_back_with_non_ascii_names_and_body() -> None:
    data = to_eml(
        "Une question — rapide",
        "Chère Chloé,\n\nÇa va? 20 minutes?\n",
        "Chloé Martin",
        "chloe@tidewater.example",
        "Jördan Avery",
        "jordan@example.com",
        WHEN,
    )
    data.decode("ascii")  # the file itself is 7-bit clean
    message = parse(data)
    to = message["To"].addresses[0]
    sender = message["From"].addresses[0]
    assert (to.display_name, to.addr_spec) == ("Chloé Martin", "chloe@tidewater.example")
    assert (sender.display_name, sender.addr_spec) == ("Jördan Avery", "jordan@example.com")
    assert message["Subject"] == "Une question — rapide"
    assert message["Date"].datetime == WHEN
    content = message.get_content().replace("\r\n", "\n")
    assert content == "Chère Chloé,\n\nÇa va? 20 minutes?\n"


@pytest.mark.parametrize("field", ["subject", "to_name", "from_name"])
def test_newlines_cannot_inject_headers(field: str) -> None:
    values = {
        "subject": "Hello",
        "to_name": "Ada",
        "from_name": "Jo",
    }
    values[field] = "Innocent\r\nBcc: victim@example.com\nX-Evil: 1"
    data = to_eml(
        values["subject"],
        "Body",
        values["to_name"],
        "ada@example.com",
        values["from_name"],
        "jo@example.com",
        WHEN,
    )
    message = parse(data)
    assert message["Bcc"] is None
    assert message["X-Evil"] is None
    assert sorted(message.keys()) == sorted(
        [
            "From",
            "To",
            "Subject",
            "Date",
            "X-Unsent",
            "Content-Type",
            "Content-Transfer-Encoding",
            "MIME-Version",
        ]
    )


def test_an_address_with_a_newline_is_cleaned_or_refused() -> None:
    with pytest.raises(ValueError, match="not an e-mail address"):
        to_eml("s", "b", "Ada", "ada@example.com\nBcc: x@y.z", "Jo", "jo@example.com", WHEN)
    with pytest.raises(ValueError, match="not an e-mail address"):
        to_eml("s", "b", "Ada", "not an address", "Jo", "jo@example.com", WHEN)


def test_eml_without_addresses_is_still_a_draft() -> None:
    message = parse(to_eml("s", "b", "", "", "", "", WHEN))
    assert message["To"] is None and message["From"] is None
    assert message["X-Unsent"] == "1"


def test_a_letter_file_is_text_or_a_mail_draft_in_a_private_new_folder(tmp_path: Path) -> None:
    def write(path: Path, to_email: str = "ada@example.com") -> None:
        write_letter_file(
            path,
            "Coffee?",
            "Dear Ada,",
            to_name="Ada Okafor",
            to_email=to_email,
            from_name="Sam",
            from_email="sam@example.com",
            now=START,
            data_dir=tmp_path / "data",
        )

    text = tmp_path / "letters" / "ada.txt"
    write(text)
    assert text.read_text(encoding="utf-8") == "Subject: Coffee?\n\nDear Ada,\n"
    assert (text.parent.stat().st_mode & 0o777) == 0o700
    draft = tmp_path / "letters" / "ada.EML"
    write(draft)
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message["To"] == "Ada Okafor <ada@example.com>"
    assert message["X-Unsent"] == "1"
    with pytest.raises(ValueError, match="not an e-mail address"):
        write(draft, to_email="not an address")
    assert "Coffee?" in draft.read_text(encoding="utf-8")  # the file written before stays
    with pytest.raises(ValueError, match="inside the data folder"):
        write(tmp_path / "data" / "contacts.json")  # never where it could replace the data
    assert not (tmp_path / "data").exists()
