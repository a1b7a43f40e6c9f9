"""``infoint log | set | delete | add`` from the shell: the line printed, the
files on disk afterwards, and one line on stderr (exit 1) for bad input.

Each runs through ``cli.main`` on a demo data folder, with the store's clock
at the tests' START (Thursday 26 November 2026, 09:30 UTC).
"""

from __future__ import annotations

import errno
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts import followups
from infoint_tui.core.contacts.adding import new_contact
from infoint_tui.core.contacts.followups import Action
from infoint_tui.core.contacts.model import CONTACT_FIELDS, Event, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.settings import load_settings
from tests.conftest import START
from tests.fixtures.read_only import ReadOnlyFolder
from tests.unit.cli_run import Run, contact_named, on_disk


def files(data_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(data_dir.glob("*.json"))}


def one_error_line(err: str) -> str:
    assert err.startswith("infoint: "), err
    assert err.count("\n") == 1, err
    return err


# -- log ----------------------------------------------------------------------------------
def test_a_reply_is_logged_and_the_others_at_the_company_keep_their_follow_ups(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    ada = contact_named(data_dir, "Ada Okafor")  # Northwind Analytics, Target
    grace = contact_named(data_dir, "Grace Liu")  # Northwind, waiting for a reply
    priya = contact_named(data_dir, "Priya Nair")  # Northwind, Met: not waiting
    assert grace.action == Action.FOLLOW_UP and grace.follow_up is not None

    status, out, err = run("log", str(ada.id), "reply", "Happy", "to", "talk")

    assert (status, err) == (0, "")
    store = on_disk(data_dir)
    ada_now = store.contacts.require(ada.id)
    assert ada_now.events[-1] == Event("reply", START, "Happy to talk")
    # Replying is due today (Thursday 26 November).
    assert (ada_now.action, ada_now.follow_up) == (Action.REPLY, date(2026, 11, 26))
    rules = load_settings(data_dir).rules
    assert ada_now == followups.log_interaction(ada, "reply", "Happy to talk", START, rules)
    assert out.splitlines() == [
        f"logged reply: {ada.id} Ada Okafor; next: {ada_now.next_action} on 2026-11-26",
        f"kept: {grace.id} Grace Liu (Northwind Analytics) follow-up on {grace.follow_up}",
    ]
    grace_now = store.contacts.require(grace.id)
    # Kept, not cancelled: the same next step, and the timeline says so.
    assert (grace_now.action, grace_now.next_action, grace_now.follow_up) == (
        grace.action,
        grace.next_action,
        grace.follow_up,
    )
    assert grace_now.events[:-1] == grace.events
    assert grace_now.events[-1].kind == "follow-up"
    assert "Kept the follow-up" in grace_now.events[-1].text
    assert store.contacts.require(priya.id) == priya


def test_a_call_is_logged_with_the_kind_as_its_text_and_nobody_else_is_touched(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    ada = contact_named(data_dir, "Ada Okafor")
    before = {c.id: c for c in on_disk(data_dir).contacts}

    status, out, err = run("log", str(ada.id), "CALL")

    assert (status, err) == (0, "")
    assert out == f"logged call: {ada.id} Ada Okafor\n"
    after = {c.id: c for c in on_disk(data_dir).contacts}
    assert after[ada.id].events == (*ada.events, Event("call", START, "call"))
    assert after[ada.id].updated == START
    assert {i: c for i, c in after.items() if i != ada.id} == {
        i: c for i, c in before.items() if i != ada.id
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["log", "999", "call"], "infoint: no contact with id 999\n"),
        (["log", "1", "wave"], "'wave' is not something to log (one of: reply, call, meeting"),
    ],
)
def test_log_refuses_a_bad_id_or_kind_and_writes_nothing(
    demo_store: Store, data_dir: Path, run: Run, argv: list[str], message: str
) -> None:
    before = files(data_dir)
    status, out, err = run(*argv)
    assert (status, out) == (1, "")
    assert message in one_error_line(err)
    assert files(data_dir) == before


# -- set ----------------------------------------------------------------------------------
URL = "https://www.linkedin.com/in/ada"
AT_TWO = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)  # TZ is UTC in the tests


@pytest.mark.parametrize(
    ("field", "value", "printed", "stored"),
    [
        ("email", "ada@new.example", "email = ada@new.example", "ada@new.example"),
        ("title", "  Head of Data ", "title = Head of Data", "Head of Data"),
        ("linkedin-url", URL, f"linkedin_url = {URL}", URL),
        ("source", "r", "source = referral", "referral"),
        ("tags", "Data, ML, data", "tags = data, ml", ("data", "ml")),
        ("follow_up", "2026-12-09", "follow_up = 2026-12-09", date(2026, 12, 9)),
        ("interview_at", "2026-12-03 14:00", "interview_at = 2026-12-03 14:00", AT_TWO),
        ("notes", "One\nTwo", "notes = One … (2 lines)", "One\nTwo"),
        ("next_action", "Send the deck", "next_action = Send the deck", "Send the deck"),
    ],
)  # fmt: skip
def test_set_changes_one_field_as_the_form_would(
    demo_store: Store,
    data_dir: Path,
    run: Run,
    field: str,
    value: str,
    printed: str,
    stored: object,
) -> None:
    ada = contact_named(data_dir, "Ada Okafor")
    status, out, err = run("set", str(ada.id), field, value)
    assert (status, err) == (0, "")
    assert out == f"set {ada.id} {printed}\n"
    name = field.replace("-", "_")
    after = on_disk(data_dir).contacts.require(ada.id)
    assert getattr(after, name) == stored
    # That field and the time of the change, nothing else.
    assert after == replace(ada, **{name: stored, "updated": START})  # type: ignore[arg-type]
    assert after == ada.with_values({name: value}, now=START)


def test_an_empty_value_clears_an_optional_field(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    ada = contact_named(data_dir, "Ada Okafor")
    assert ada.email and ada.hook
    assert run("set", str(ada.id), "email", "")[:2] == (0, f"cleared {ada.id} email\n")
    assert run("set", str(ada.id), "hook", "")[:2] == (0, f"cleared {ada.id} hook\n")
    after = on_disk(data_dir).contacts.require(ada.id)
    assert (after.email, after.hook) == ("", "")
    assert after.name == "Ada Okafor"


def test_setting_the_value_it_has_writes_nothing(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    ada = contact_named(data_dir, "Ada Okafor")
    before = files(data_dir)
    status, out, err = run("set", str(ada.id), "company", " Northwind Analytics ")
    assert (status, out, err) == (0, f"{ada.id} company is already Northwind Analytics\n", "")
    assert files(data_dir) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["set", "999", "email", "a@b.example"], "infoint: no contact with id 999\n"),
        (["set", "1", "email", "ada-at-northwind"], "'ada-at-northwind' is not an e-mail address"),
        (["set", "1", "phone", "call me"], "'call me' is not a phone number"),
        (["set", "1", "linkedin_url", "linkedin.com/in/ada"], "is not a web address"),
        (["set", "1", "follow_up", "2026-02-30"], "2026-02-30 is not a real date"),
        (["set", "1", "interview_at", "tomorrow"], "is not a date and time"),
        (["set", "1", "source", "friend"], "'friend' is not one of: referral, cold"),
        (["set", "1", "name", ""], "Name is required"),
        (["set", "1", "stage", "met"], "the stage changes with a move: infoint move 1 met"),
        (["set", "1", "colour", "red"], "no field 'colour'; the fields are: name, company, title"),
        (["set", "1", "rank", "1"], "no field 'rank'"),
    ],
)
def test_set_refuses_bad_fields_and_values_and_writes_nothing(
    demo_store: Store, data_dir: Path, run: Run, argv: list[str], message: str
) -> None:
    before = files(data_dir)
    status, out, err = run(*argv)
    assert (status, out) == (1, "")
    assert message in one_error_line(err)
    assert files(data_dir) == before


def test_an_unknown_field_is_answered_with_every_field_name(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    err = run("set", "1", "colour", "red")[2]
    for spec in CONTACT_FIELDS:
        assert spec.name in err


# -- delete -------------------------------------------------------------------------------
def test_delete_with_yes_removes_the_contact_and_keeps_its_letters_and_interviews(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    samuel = contact_named(data_dir, "Samuel Adeyemi")
    store = on_disk(data_dir)
    letters = dict(store.letters.all())
    interviews = dict(store.interviews.all())
    assert any(letter.contact_id == samuel.id for letter in letters.values())
    assert any(interview.contact_id == samuel.id for interview in interviews.values())
    others = {c.id: c for c in store.contacts if c.id != samuel.id}

    status, out, err = run("delete", str(samuel.id), "--yes")

    assert (status, err) == (0, "")
    assert out == f"deleted {samuel.id} Samuel Adeyemi (Kestrel Studio)\n"
    store = on_disk(data_dir)
    assert store.contacts.get(samuel.id) is None
    assert {c.id: c for c in store.contacts} == others
    # As the app deletes: the contact only.
    assert dict(store.letters.all()) == letters
    assert dict(store.interviews.all()) == interviews


def test_delete_asks_and_a_yes_deletes(demo_store: Store, data_dir: Path, run: Run) -> None:
    ada = contact_named(data_dir, "Ada Okafor")
    status, out, err = run("delete", str(ada.id), stdin="Y\n")
    assert status == 0
    assert err == f"Delete {ada.id} Ada Okafor (Northwind Analytics)? [y/N] \n"
    assert out == f"deleted {ada.id} Ada Okafor (Northwind Analytics)\n"
    assert on_disk(data_dir).contacts.get(ada.id) is None


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("n\n", "infoint: 1 Ada Okafor (Northwind Analytics) was not deleted\n"),
        ("\n", "infoint: 1 Ada Okafor (Northwind Analytics) was not deleted\n"),
        ("whatever\n", "infoint: 1 Ada Okafor (Northwind Analytics) was not deleted\n"),
        ("", "infoint: no answer (end of input): 1 Ada Okafor (Northwind Analytics) was not "
         "deleted; pass --yes to delete without asking\n"),
    ],
    ids=["no", "enter", "anything else", "end of input"],
)  # fmt: skip
def test_delete_without_a_yes_deletes_nothing(
    demo_store: Store, data_dir: Path, run: Run, answer: str, message: str
) -> None:
    before = files(data_dir)
    status, out, err = run("delete", "1", stdin=answer)
    assert (status, out) == (1, "")
    question, said = err.split("\n", 1)
    assert question == "Delete 1 Ada Okafor (Northwind Analytics)? [y/N] "
    assert said == message
    assert files(data_dir) == before


def test_delete_of_an_unknown_id_asks_nothing(demo_store: Store, data_dir: Path, run: Run) -> None:
    before = files(data_dir)
    status, out, err = run("delete", "999", stdin="y\n")
    assert (status, out, err) == (1, "", "infoint: no contact with id 999\n")
    assert files(data_dir) == before


# -- add ----------------------------------------------------------------------------------
def test_add_has_an_option_for_every_field_of_the_form(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    usage = capsys.readouterr().out
    for spec in CONTACT_FIELDS:
        assert f"--{spec.name.replace('_', '-')} " in usage, spec.name


FORM_VALUES = {
    "name": "Zed Amari",
    "company": "Acme",
    "title": "CTO",
    "industry": "Logistics",
    "email": "zed@acme.example",
    "phone": "+44 20 7946 0000",
    "linkedin_url": "https://www.linkedin.com/in/zed",
    "source": "referral",
    "referrer": "Ada Okafor",
    "hook": "Your post on routing",
    "background": "Same university",
    "notes": "Met at PyCon",
    "tags": "Logistics, AI",
    "interview_at": "2026-12-03 14:00",
    "follow_up": "2026-12-02",
    "next_action": "Ask about the team",
}


def test_add_takes_every_field_and_stores_what_the_form_stores(
    store: Store, data_dir: Path, run: Run
) -> None:
    argv = [
        item
        for name, value in FORM_VALUES.items()
        for item in (f"--{name.replace('_', '-')}", value)
    ]
    status, out, err = run("add", *argv)
    assert (status, err) == (0, "")
    zed = on_disk(data_dir).contacts.require(int(out))
    expected = new_contact(FORM_VALUES, Stage.TARGET, now=START)
    assert zed == replace(expected, id=zed.id, rank=zed.rank)
    assert zed.tags == ("logistics", "ai")
    assert zed.interview_at == datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
    assert zed.follow_up == date(2026, 12, 2)


def test_add_in_a_later_stage_keeps_a_typed_follow_up(
    store: Store, data_dir: Path, run: Run
) -> None:
    argv = ["add", "--name", "Zed", "--stage", "requested", "--follow-up", "2026-12-09"]
    status, out, err = run(*argv)
    assert (status, err) == (0, "")
    zed = on_disk(data_dir).contacts.require(int(out))
    assert zed.stage is Stage.REQUESTED
    assert (zed.action, zed.follow_up) == (Action.FOLLOW_UP, date(2026, 12, 9))


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--email", "zed", "'zed' is not an e-mail address"),
        ("--phone", "ring", "'ring' is not a phone number"),
        ("--linkedin-url", "ftp://zed", "is not a web address"),
        ("--follow-up", "2026-13-01", "there is no month 13"),
        ("--interview-at", "2026-12-03", "is not a date and time"),
        ("--source", "friend", "'friend' is not one of: referral, cold"),
        ("--name", "  ", "Name is required"),
    ],
)
def test_add_refuses_a_bad_value_with_the_fields_message(
    store: Store, data_dir: Path, run: Run, option: str, value: str, message: str
) -> None:
    argv = ["add", "--name", "Zed", option, value]
    status, out, err = run(*argv)
    assert (status, out) == (1, "")
    assert message in one_error_line(err)
    assert list(on_disk(data_dir).contacts) == []


# -- read-only data -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["log", "1", "reply", "yes"],
        ["set", "1", "email", "ada@new.example"],
        ["delete", "1", "--yes"],
        ["delete", "1"],
        ["add", "--name", "Zed", "--title", "CTO"],
    ],
    ids=" ".join,
)
def test_read_only_data_is_refused_before_anything_is_tried(
    demo_store: Store,
    data_dir: Path,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    before = files(data_dir)
    folder = ReadOnlyFolder(data_dir, monkeypatch, errno.EROFS)
    status, out, err = run(*argv, stdin="y\n")
    assert (status, out) == (1, "")
    assert one_error_line(err).startswith(
        f"infoint: the data folder {data_dir} is read-only: nothing can be saved"
    )
    assert folder.attempts == []
    monkeypatch.undo()
    assert files(data_dir) == before
