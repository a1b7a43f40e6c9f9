"""Reading back 10,000 contacts quickly must never skip cleaning what needs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoint_tui.core import storage
from infoint_tui.core.fastload import contact_from_clean
from infoint_tui.core.models import Contact
from infoint_tui.core.store import Store
from infoint_tui.core.text import unsafe_json
from tests.conftest import FakeClock


def test_the_quick_reader_agrees_with_the_careful_one(demo_store: Store, data_dir: Path) -> None:
    raw = json.loads((data_dir / "contacts.json").read_text(encoding="utf-8"))["contacts"]
    for key, document in raw.items():
        assert contact_from_clean(document, int(key)) == Contact.from_dict(document, int(key))


@pytest.mark.parametrize(
    "text",
    ["Eve\x1b[31m", "Bob\u202eevil", "Zoë\x9b", "tab\there", "bell\x07", "bom\ufeff", "del\x7f"],
)
def test_a_document_with_control_characters_takes_the_careful_path(
    store: Store, data_dir: Path, clock: FakeClock, text: str
) -> None:
    store.contacts.insert(Contact(name="Placeholder"))
    path = data_dir / "contacts.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["contacts"]["1"]["name"] = text
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    line = path.read_bytes()
    assert unsafe_json(line)
    loaded = Store(data_dir, clock=clock).open().contacts.require(1)
    assert loaded.name == Contact.from_dict({"name": text}).name  # cleaned like any input
    assert not any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F for char in loaded.name)


def test_plain_text_with_accents_and_newlines_is_clean() -> None:
    assert not unsafe_json('{"name": "Chloé Martin", "notes": "one\\ntwo"}'.encode())


def test_a_save_after_opening_re_encodes_only_the_changed_document(
    demo_store: Store, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    reopened = Store(data_dir, clock=clock).open()
    encoded: list[object] = []
    real = storage._dump

    def counting(value: object) -> str:
        encoded.append(value)
        return real(value)

    monkeypatch.setattr(storage, "_dump", counting)
    contact = reopened.contacts.require(3)
    reopened.contacts.put(contact.with_values({"title": "Chief Tinkerer"}, now=clock()))
    documents = [value for value in encoded if isinstance(value, dict)]
    assert len(documents) == 1 and documents[0]["title"] == "Chief Tinkerer"
    again = Store(data_dir, clock=clock).open()
    assert again.contacts.require(3).title == "Chief Tinkerer"
    assert len(again.contacts) == len(reopened.contacts) == 25
