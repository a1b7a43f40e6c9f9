"""The method's path from the shell, on an empty data folder: a contact added,
their reply logged, a meeting agreed in words, Today asking whether it happened,
the thank-you sent with the advice, the LinkedIn step due, and the introduced
person added as a target referred by the interviewee. The clock starts at the
tests' START (Thursday 26 November 2026, 09:30 UTC)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FakeClock
from tests.unit.cli_run import Run, contact_named


def test_from_a_reply_to_a_relationship_in_the_shell(
    run: Run, clock: FakeClock, data_dir: Path
) -> None:
    status, out, err = run(
        "add", "--name", "Ada Okafor", "--company", "Northwind", "--stage", "requested"
    )
    assert (status, err) == (0, "")
    ada_id = out.strip()

    status, out, _ = run("log", ada_id, "reply", "Happy", "to", "meet")
    assert (status, out) == (
        0,
        "logged reply: 1 Ada Okafor; next: Reply and agree a time on 2026-11-26\n",
    )

    status, out, _ = run("schedule", ada_id, "wed 10am at Café Nero")
    assert (status, out) == (
        0,
        "Meeting with Ada Okafor: Wednesday 2 December, 10:00 · Café Nero\n",
    )
    ada = contact_named(data_dir, "Ada Okafor")
    assert (ada.stage.value, ada.meeting_place) == ("scheduled", "Café Nero")

    clock.now = clock.now.replace(month=12, day=2, hour=11)
    status, out, _ = run("today")
    assert "Did the meeting happen? (1)" in out
    assert f"#{ada_id} Ada Okafor (Northwind): Meeting Wednesday 2 December, 10:00" in out

    status, out, _ = run("move", ada_id, "met")  # it was held
    assert status == 0
    ada = contact_named(data_dir, "Ada Okafor")
    assert (ada.interview_at, ada.action) == (None, "thank-you")

    status, out, err = run(
        "letter",
        ada_id,
        "--mark-sent",
        "-t",
        "thank-you",
        "--set",
        "advice=join the analytics meetup",
        "--allow-missing",  # the profile is empty in this folder
    )
    assert status == 0, err
    assert "next: Ask to connect on LinkedIn on 2026-12-04" in out
    [sent] = [
        event.text
        for event in contact_named(data_dir, "Ada Okafor").events
        if event.kind == "letter"
    ]
    assert "thank-you" in sent

    clock.advance(days=2)
    status, out, _ = run("today")
    assert f"#{ada_id} Ada Okafor (Northwind): Ask to connect on LinkedIn" in out

    status, out, _ = run(
        "add",
        "--name",
        "Raj Patel",
        "--company",
        "Heron Cloud",
        "--source",
        "referral",
        "--referrer",
        "Ada Okafor",
    )
    assert status == 0
    raj = contact_named(data_dir, "Raj Patel")
    assert (raj.stage.value, raj.source, raj.referrer) == ("target", "referral", "Ada Okafor")
