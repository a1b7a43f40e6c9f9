"""Template files: bundled ones, the user's own (which win), copying without overwriting."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from infoint_tui.core.letters.templates import (
    LetterTemplateError,
    copy_to_user,
    find_template,
    list_templates,
    load_template,
    read_template,
    remove_user_template,
    save_user_template,
    template_kind,
    validate_name,
)


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "bundled"
    folder.mkdir()
    (folder / "cold-request.txt.j2").write_text("Subject: Bundled cold\nHello\n", "utf-8")
    (folder / "thank-you.txt.j2").write_text("Subject: Thanks\n{# kind: thanks #}\nTa\n", "utf-8")
    (folder / "README.md").write_text("not a template", "utf-8")
    (folder / "Bad_Name.txt.j2").write_text("Subject: ignored", "utf-8")
    return folder


@pytest.fixture
def user(tmp_path: Path) -> Path:
    return tmp_path / "data" / "templates"


@pytest.mark.parametrize("name", ["cold-request", "a", "v2", "my-own-3"])
def test_valid_names(name: str) -> None:
    assert validate_name(name) == name


@pytest.mark.parametrize(
    "name",
    ["", "../etc/passwd", "a/b", "a\\b", "Cold", "cold_request", "-x", ".hidden", "x" * 65, "é"],
)
def test_invalid_names_are_refused(name: str, bundled: Path, user: Path) -> None:
    with pytest.raises(LetterTemplateError):
        validate_name(name)
    with pytest.raises(LetterTemplateError):
        load_template(name, bundled, user)
    with pytest.raises(LetterTemplateError):
        save_user_template(name, "x", user)


def test_listing_shows_bundled_templates_with_their_subjects(bundled: Path, user: Path) -> None:
    infos = list_templates(bundled, user)
    assert [(i.name, i.origin, i.subject, i.kind) for i in infos] == [
        ("cold-request", "bundled", "Bundled cold", "request"),
        ("thank-you", "bundled", "Thanks", "thanks"),
    ]


def test_a_user_template_overrides_the_bundled_one(bundled: Path, user: Path) -> None:
    save_user_template("cold-request", "Subject: Mine\nMy own words\n", user)
    save_user_template("extra", "Subject: Extra\n", user)
    infos = {info.name: info for info in list_templates(bundled, user)}
    assert infos["cold-request"].origin == "user"
    assert infos["cold-request"].overrides_bundled
    assert infos["extra"].origin == "user" and not infos["extra"].overrides_bundled
    assert len(infos) == 3
    assert load_template("cold-request", bundled, user) == "Subject: Mine\nMy own words\n"
    assert remove_user_template("cold-request", user)
    assert load_template("cold-request", bundled, user) == "Subject: Bundled cold\nHello\n"
    assert not remove_user_template("cold-request", user)


def test_copy_to_user_creates_a_private_copy(bundled: Path, user: Path) -> None:
    target = copy_to_user("cold-request", bundled, user)
    assert target == user / "cold-request.txt.j2"
    assert target.read_text("utf-8") == "Subject: Bundled cold\nHello\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(user.stat().st_mode) == 0o700
    assert find_template("cold-request", bundled, user).origin == "user"


def test_copy_to_user_never_overwrites(bundled: Path, user: Path) -> None:
    save_user_template("cold-request", "Subject: My edits\n", user)
    with pytest.raises(FileExistsError):
        copy_to_user("cold-request", bundled, user)
    assert load_template("cold-request", bundled, user) == "Subject: My edits\n"


def test_copy_under_a_new_name(bundled: Path, user: Path) -> None:
    copy_to_user("thank-you", bundled, user, "thank-you-short")
    assert load_template("thank-you-short", bundled, user).startswith("Subject: Thanks")
    with pytest.raises(LetterTemplateError):
        copy_to_user("nope", bundled, user)
    with pytest.raises(LetterTemplateError):
        copy_to_user("thank-you", bundled, user, "../escape")


def test_unknown_template_lists_the_known_ones(bundled: Path, user: Path) -> None:
    with pytest.raises(LetterTemplateError, match="cold-request, thank-you"):
        find_template("missing", bundled, user)


def test_reading_refuses_huge_or_binary_files(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt.j2"
    huge.write_bytes(b"x" * 300_000)
    with pytest.raises(LetterTemplateError, match="too large"):
        read_template(huge)
    binary = tmp_path / "binary.txt.j2"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(LetterTemplateError, match="UTF-8"):
        read_template(binary)
    with pytest.raises(LetterTemplateError, match="cannot read"):
        read_template(tmp_path / "absent.txt.j2")


def test_saving_refuses_an_oversized_template(user: Path) -> None:
    with pytest.raises(LetterTemplateError):
        save_user_template("big", "x" * 60_000, user)


def test_kind_comes_from_the_comment_then_the_name() -> None:
    assert template_kind("{# kind: note #}", "cold-request") == "note"
    assert template_kind("{#- kind: request -#}") == "request"
    assert template_kind("{# kind: nonsense #}") == "letter"
    assert template_kind("", "follow-up") == "request"
    assert template_kind("", "my-coffee-request") == "request"
    assert template_kind("", "linkedin-note") == "note"
    assert template_kind("", "anything") == "letter"


def test_missing_folders_mean_no_templates(tmp_path: Path) -> None:
    assert list_templates(tmp_path / "a", tmp_path / "b") == []
