"""``infoint letter ID --mark-sent``: the app's "mark sent" from the shell.

The latest draft (or, with --template, the letter rendered now) is stored as
sent and the contact moves on by the letter's kind, with the follow-up the
letter promised; the line printed and both files are checked. The store's
clock is the tests' START (Thursday 26 November 2026, 09:30 UTC).
"""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts.followups import Action
from infoint_tui.core.contacts.model import Contact, Event, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.letters.flow import after_sending
from infoint_tui.core.letters.letter import Letter
from infoint_tui.core.settings import load_settings
from tests.conftest import START
from tests.fixtures.read_only import ReadOnlyFolder
from tests.unit.cli_run import Run, contact_named, on_disk

SUBJECT = "A quick question about your work"


def letters_of(data_dir: Path, contact_id: int) -> dict[int, Letter]:
    return {
        letter.id: letter
        for letter in on_disk(data_dir).letters.all().values()
        if letter.contact_id == contact_id
    }


def files(data_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(data_dir.glob("*.json"))}


def draft(store: Store, contact_id: int, body: str, template: str = "cold-request") -> Letter:
    return store.letters.insert(
        Letter.create(
            contact_id, template, SUBJECT, body, now=START, promised_follow_up=date(2026, 12, 4)
        )
    )


def top_of(data_dir: Path, stage: Stage, contact: Contact) -> None:
    """``contact`` is on top of its lane, as every card that enters one."""
    lane = [c for c in on_disk(data_dir).contacts if c.stage is stage and c.id != contact.id]
    assert all(contact.rank < other.rank for other in lane)


def test_a_template_rendered_now_is_stored_sent_and_the_contact_moves_on(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    board = dict(on_disk(data_dir).contacts.all())
    chloe = next(c for c in board.values() if c.name == "Chloé Martin")  # Target, cold
    assert chloe.stage is Stage.TARGET and not letters_of(data_dir, chloe.id)

    status, out, err = run(
        "letter", str(chloe.id), "--mark-sent", "-t", "cold-request",
        "--set", "visit_dates=1–3 December",
    )  # fmt: skip

    assert (status, err) == (0, "")
    # Three business days after Thursday 26 November.
    assert out == (
        f"marked sent: request to {chloe.id} Chloé Martin; "
        "next: Follow up on request on 2026-12-01\n"
    )
    [letter] = letters_of(data_dir, chloe.id).values()
    assert (letter.status, letter.template, letter.subject) == ("sent", "cold-request", SUBJECT)
    assert letter.sent_at == START
    assert letter.promised_follow_up == date(2026, 12, 1)
    assert "1–3 December" in letter.body and "Tuesday 1 December" in letter.body
    after = on_disk(data_dir).contacts.require(chloe.id)
    assert after.stage is Stage.REQUESTED
    assert [change.stage for change in after.stage_history] == [Stage.TARGET, Stage.REQUESTED]
    assert (after.action, after.follow_up) == (Action.FOLLOW_UP, date(2026, 12, 1))
    assert after.events == (
        *chloe.events,
        Event("letter", START, f"Sent “{SUBJECT}” (cold-request)"),
    )
    top_of(data_dir, Stage.REQUESTED, after)
    assert after == after_sending(
        chloe,
        template="cold-request",
        kind="request",
        subject=SUBJECT,
        now=START,
        rules=load_settings(data_dir).rules,
        board=board.values(),
        promised=date(2026, 12, 1),
    )


def test_the_latest_draft_is_marked_sent_as_it_was_saved(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    ada = contact_named(data_dir, "Ada Okafor")
    older = draft(demo_store, ada.id, "An older draft.", template="linkedin-note")
    # Typed by hand: the dates the template leaves empty are in the text.
    body = "Dear Ada,\n\nI'm near your office 7–9 December. I'll follow up on Friday 4 December."
    latest = draft(demo_store, ada.id, body)

    status, out, err = run("letter", str(ada.id), "--mark-sent")

    assert (status, err) == (0, "")
    assert out == (
        f"marked sent: request to {ada.id} Ada Okafor; next: Follow up on request on 2026-12-04\n"
    )
    letters = letters_of(data_dir, ada.id)
    assert letters[older.id] == older  # still a draft
    sent = letters[latest.id]
    assert (sent.status, sent.sent_at, sent.subject, sent.body) == ("sent", START, SUBJECT, body)
    assert sent.promised_follow_up == date(2026, 12, 4)
    after = on_disk(data_dir).contacts.require(ada.id)
    # The follow-up is the day the letter promised, not the rule's (1 December).
    assert (after.stage, after.action, after.follow_up) == (
        Stage.REQUESTED,
        Action.FOLLOW_UP,
        date(2026, 12, 4),
    )
    assert after.events[-1] == Event("letter", START, f"Sent “{SUBJECT}” (cold-request)")


def test_a_thank_you_moves_a_met_contact_to_nurture(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    board = dict(on_disk(data_dir).contacts.all())
    priya = next(c for c in board.values() if c.name == "Priya Nair")
    assert priya.stage is Stage.MET
    known = set(letters_of(data_dir, priya.id))
    argv = ["letter", str(priya.id), "--mark-sent", "-t", "thank-you"]
    status, out, err = run(*argv, "--set", "advice=join the analytics meetup")
    assert (status, err) == (0, "")
    new = [letter for i, letter in letters_of(data_dir, priya.id).items() if i not in known]
    assert [(letter.template, letter.status) for letter in new] == [("thank-you", "sent")]
    assert "join the analytics meetup" in new[0].body
    # The contact as the app's "mark sent" leaves it (letters.flow.after_sending).
    expected = after_sending(
        priya,
        template="thank-you",
        kind="thanks",
        subject=new[0].subject,
        now=START,
        rules=load_settings(data_dir).rules,
        board=board.values(),
    )
    after = on_disk(data_dir).contacts.require(priya.id)
    assert after == expected
    assert after.stage is Stage.NURTURE and after.next_action and after.follow_up
    assert out == (
        f"marked sent: thanks to {priya.id} Priya Nair; "
        f"next: {after.next_action} on {after.follow_up.isoformat()}\n"
    )


def test_a_draft_with_placeholders_is_refused_unless_allowed(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    ada = contact_named(data_dir, "Ada Okafor")
    waiting = draft(
        demo_store,
        ada.id,
        "Dear Ada,\n\n[contact.referrer] suggested I get in touch.",
        template="referral-request",
    )
    before = files(data_dir)

    status, out, err = run("letter", str(ada.id), "--mark-sent")

    assert (status, out) == (1, "")
    assert "contact.referrer" in err and "--allow-missing" in err
    assert "contact.hook" not in err  # Ada has one
    assert files(data_dir) == before

    status, out, err = run("letter", str(ada.id), "--mark-sent", "--allow-missing")
    assert (status, err) == (0, "")
    assert out.startswith(f"marked sent: request to {ada.id} Ada Okafor; next: ")
    assert letters_of(data_dir, ada.id)[waiting.id].status == "sent"


def test_a_template_with_empty_fields_is_refused_unless_allowed(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    chloe = contact_named(data_dir, "Chloé Martin")
    before = files(data_dir)
    status, out, err = run("letter", str(chloe.id), "--mark-sent", "-t", "referral-request")
    assert (status, out) == (1, "")
    assert "contact.referrer" in err and "--allow-missing" in err
    assert files(data_dir) == before

    argv = ["letter", str(chloe.id), "--mark-sent", "-t", "referral-request", "--allow-missing"]
    assert run(*argv)[0] == 0
    [letter] = letters_of(data_dir, chloe.id).values()
    assert letter.status == "sent" and "[contact.referrer]" in letter.body
    assert on_disk(data_dir).contacts.require(chloe.id).stage is Stage.REQUESTED


COLD = ["letter", "3", "--mark-sent", "-t", "cold-request"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["letter", "999", "--mark-sent", "-t", "cold-request"], "no contact with id 999"),
        (["letter", "3", "--mark-sent"], "Chloé Martin (contact 3) has no draft letter"),
        (["letter", "3", "--mark-sent", "-t", "nope"], "no template named 'nope'"),
        ([*COLD, "--set", "visit_dates=x", "--set", "colour=red"], "unknown letter field 'colour'"),
        ([*COLD, "--eml", "/tmp/x.eml"], "--eml writes a letter to send"),
        (["letter", "3"], "--template NAME is required (or --mark-sent"),
    ],
)  # fmt: skip
def test_bad_requests_exit_1_and_change_nothing(
    demo_store: Store, data_dir: Path, run: Run, argv: list[str], message: str
) -> None:
    before = files(data_dir)
    status, out, err = run(*argv)
    assert (status, out) == (1, "")
    assert err.startswith("infoint: ") and err.count("\n") == 1, err
    assert message in err
    assert files(data_dir) == before


def test_a_draft_is_not_filled_in_with_set(demo_store: Store, data_dir: Path, run: Run) -> None:
    draft(demo_store, 1, "Dear Ada,\n\n[letter.visit_dates]")
    before = files(data_dir)
    status, out, err = run("letter", "1", "--mark-sent", "--set", "visit_dates=1 Dec")
    assert (status, out) == (1, "")
    assert "a draft is marked sent as it was saved" in err
    assert files(data_dir) == before


def test_a_draft_whose_template_is_gone_is_not_marked_sent(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    draft(demo_store, 1, "Dear Ada,", template="my-own")
    before = files(data_dir)
    status, out, err = run("letter", "1", "--mark-sent")
    assert (status, out) == (1, "")
    assert "the draft's template 'my-own'" in err and "nothing was marked sent" in err
    assert files(data_dir) == before


def test_read_only_data_is_refused(
    demo_store: Store, data_dir: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft(demo_store, 1, "Dear Ada,")
    before = files(data_dir)
    folder = ReadOnlyFolder(data_dir, monkeypatch, errno.EROFS)
    status, out, err = run("letter", "1", "--mark-sent")
    assert (status, out) == (1, "")
    assert err.startswith(f"infoint: the data folder {data_dir} is read-only: nothing can be saved")
    assert folder.attempts == []
    monkeypatch.undo()
    assert files(data_dir) == before


def test_mark_sent_is_in_the_letter_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["letter", "--help"])
    assert "--mark-sent" in capsys.readouterr().out
