"""Rendering a letter for a contact: the namespaces, missing fields, the promised day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from infoint_tui.core.companies import Company
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.demo import DEMO_PROFILE, demo_companies, demo_contacts
from infoint_tui.core.letters.lint import DEFAULT_WORD_LIMIT, count_words, lint_letter, message_text
from infoint_tui.core.letters.render import (
    LETTER_FIELD_LABELS,
    RenderedLetter,
    find_company,
    human_date,
    letter_fields,
    render_letter,
    settable_letter_fields,
    split_subject,
)
from infoint_tui.core.letters.templates import list_templates, load_template
from infoint_tui.core.profile import Profile
from infoint_tui.paths import resource_dir
from tests.conftest import START

TODAY = START.date()  # Thursday 26 November 2026
ADA = Contact(
    name="Ada Okafor",
    id=7,
    company="Northwind Analytics",
    email="ada@northwind.example",
    hook="Her post on retiring a 10-year-old ETL pipeline",
    stage=Stage.REQUESTED,
    follow_up=date(2026, 12, 1),
    interview_at=datetime(2026, 12, 3, 14, 0, tzinfo=UTC),
)
ME = Profile(name="Jordan Avery", email="jordan@example.com", phone="+44 7700 900123")


def render(source: str, contact: Contact = ADA, **options: object) -> RenderedLetter:
    return render_letter(source, contact=contact, profile=ME, today=TODAY, **options)  # type: ignore[arg-type]


def paths(result: RenderedLetter) -> list[str]:
    return [field.path for field in result.missing]


def test_namespaces_hold_every_field() -> None:
    company = Company(name="Northwind Analytics", industry="Data", location="Leeds")
    result = render(
        "Subject: Hi {{ contact.first_name }}\n"
        "{{ contact.name }}|{{ contact.company }}|{{ contact.stage }}|{{ contact.id }}|"
        "{{ me.name }}|{{ me.first_name }}|{{ me.interview_minutes }}|{{ company.location }}|"
        "{{ contact.follow_up.strftime('%d %b') }}|{{ contact.interview_at.hour }}|"
        "{{ letter.visit_dates }}",
        company=company,
        values={"visit_dates": "3–5 December"},
    )
    assert result.complete
    assert result.subject == "Hi Ada"
    assert result.body == (
        "Ada Okafor|Northwind Analytics|Request sent|7|Jordan Avery|Jordan|30|Leeds|"
        "01 Dec|14|3–5 December"
    )


def test_output_fields_that_are_empty_are_reported_with_a_placeholder() -> None:
    result = render("Dear {{ contact.name }},\n{{ contact.referrer }} said {{ me.linkedin_url }}.")
    assert paths(result) == ["contact.referrer", "me.linkedin_url"]
    assert result.body == "Dear Ada Okafor,\n[contact.referrer] said [me.linkedin_url]."
    assert not result.complete
    assert result.problem is None
    labels = [field.label for field in result.missing]
    assert labels == ["Contact: Referrer", "Your profile: LinkedIn URL"]


def test_fields_only_tested_are_not_needed() -> None:
    result = render(
        "{% if contact.referrer %}{{ contact.referrer }} suggested I write.{% endif %}"
        "{{ contact.hook if contact.hook else 'x' }} {{ me.city or 'somewhere' }}"
        "{% set unused = me.goal %}{% if not contact.title %} no title{% endif %}"
    )
    assert result.complete
    assert result.body == "Her post on retiring a 10-year-old ETL pipeline somewhere no title"


def test_a_default_filter_is_a_fallback_the_author_chose() -> None:
    result = render("{{ contact.referrer|default('a friend') }} / {{ me.city|d('town') }}")
    assert result.complete
    assert result.body == "a friend / town"


def test_missing_fields_are_found_through_filters_methods_and_concatenation() -> None:
    result = render(
        "{{ me.city|upper }} {{ 'in ' ~ company.location }} {{ me.goal.split()[0] }} "
        "{{ contact.title|trim }} {{ contact.follow_up.strftime('%d') if false else "
        "contact.background }} {{ [me.signature]|join(', ') }}"
    )
    assert paths(result) == [
        "me.city",
        "company.location",
        "me.goal",
        "contact.title",
        "contact.background",
        "me.signature",
    ]
    assert result.body.startswith("[me.city] in [company.location] [me.goal] [contact.title]")


def test_a_missing_date_field_still_reports_itself_when_formatted() -> None:
    result = render("{{ contact.follow_up.strftime('%A') }}", contact=replace(ADA, follow_up=None))
    assert paths(result) == ["contact.follow_up"]
    assert result.body == "[contact.follow_up]"


def test_each_missing_field_is_reported_once_in_order_of_appearance() -> None:
    result = render("{{ me.city }} {{ contact.referrer }} {{ me.city }}")
    assert paths(result) == ["me.city", "contact.referrer"]
    assert result.body == "[me.city] [contact.referrer] [me.city]"


def test_letter_values_are_open_ended_and_labelled() -> None:
    result = render("{{ letter.visit_dates }} {{ letter.my_own_field }}")
    assert paths(result) == ["letter.visit_dates", "letter.my_own_field"]
    assert [field.label for field in result.missing] == [
        "This letter: Dates you will be in town",
        "This letter: My own field",
    ]


def test_an_unknown_contact_field_is_an_error_with_a_suggestion() -> None:
    result = render("Subject: x\n\n{{ contact.hoook }}")
    assert result.problem is not None
    assert result.problem.kind == "runtime"
    assert result.problem.line == 3
    assert "contact has no field 'hoook'" in result.problem.message
    assert "contact.hook" in result.problem.message


def test_private_attributes_of_the_namespaces_are_refused() -> None:
    for source in ("{{ contact._values }}", "{{ contact.__class__ }}", "{{ letter.__dict__ }}"):
        result = render(source)
        assert result.problem is not None, source
        assert result.problem.kind == "security"


def test_the_empty_company_when_there_is_no_record() -> None:
    result = render("{{ company.name }} {{ company.motivation }}")
    assert paths(result) == ["company.name"]
    assert result.body == "[company.name] 0"


def test_data_cannot_forge_a_missing_marker() -> None:
    sneaky = replace(ADA, title="\ue000\ue100\ue001boss\ue002")
    result = render("{{ contact.title }}", contact=sneaky)
    assert result.complete
    assert result.body == "boss"
    assert result.promised is None


def test_the_promised_follow_up_day_defaults_to_business_days_ahead() -> None:
    result = render("I'll follow up on {{ letter.follow_up_day }}.", follow_up_days=3)
    # Thursday 26 November + 3 business days = Tuesday 1 December
    assert result.body == "I'll follow up on Tuesday 1 December."
    assert result.promised == date(2026, 12, 1)


def test_no_promise_when_the_template_does_not_say_it() -> None:
    result = render("{% if letter.follow_up_day %}a promise is possible{% endif %}")
    assert result.promised is None


def test_a_typed_follow_up_date_is_used_and_promised() -> None:
    result = render("{{ letter.follow_up_day|upper }}", values={"follow_up_day": "2027-01-05"})
    assert result.body == "TUESDAY 5 JANUARY 2027"
    assert result.promised == date(2027, 1, 5)


def test_a_typed_follow_up_text_is_kept_but_promises_no_date() -> None:
    result = render("{{ letter.follow_up_day }}", values={"follow_up_day": "early next week"})
    assert (result.body, result.promised) == ("early next week", None)


def test_letter_value_names_are_checked() -> None:
    with pytest.raises(ValueError, match="not a letter field name"):
        render("{{ letter.x }}", values={"Bad-Name": "x"})
    assert render("{{ letter.VisitDates }}", values={"VisitDates": "soon"}).body == "soon"


def test_human_date_adds_the_year_only_when_it_differs() -> None:
    assert human_date(date(2026, 12, 1), TODAY) == "Tuesday 1 December"
    assert human_date(date(2027, 1, 5), TODAY) == "Tuesday 5 January 2027"


def test_split_subject_and_tidy_body() -> None:
    assert split_subject("\nSubject:  Hello  \nDear A,\n\n\n\nBye  \n") == (
        "Hello",
        "Dear A,\n\nBye",
    )
    assert split_subject("No subject here\nbody") == ("", "No subject here\nbody")


def test_a_template_problem_never_raises_and_gives_no_letter() -> None:
    result = render("Subject: x\n{% for %}")
    assert result.problem is not None
    assert (result.subject, result.body, result.missing) == ("", "", ())
    assert not result.complete


def test_letter_fields_lists_the_inputs_an_editor_should_offer() -> None:
    source = (
        "{{ letter.visit_dates }} {% if letter.article_url %}{{ letter['article_title'] }}"
        "{% endif %} {{ letter.visit_dates }} {{ contact.name }} {{ letter._secret }}"
    )
    assert letter_fields(source) == ("visit_dates", "article_url", "article_title")
    assert letter_fields("{% if %}") == ()


def test_settable_fields_are_the_templates_own_then_the_standard_ones() -> None:
    source = "{{ letter.mutual_friend }} {{ letter.visit_dates }} {{ letter.update }}"
    settable = settable_letter_fields(source)
    assert settable[:3] == ("mutual_friend", "visit_dates", "update")
    assert set(settable) == {*letter_fields(source), *LETTER_FIELD_LABELS}
    assert len(settable) == len(set(settable))
    assert settable_letter_fields("no fields") == tuple(LETTER_FIELD_LABELS)


def test_find_company_matches_the_name_case_insensitively() -> None:
    companies = [Company(name="Lumen Health"), Company(name="Northwind analytics ")]
    assert find_company(ADA, companies) == companies[1]
    assert find_company(replace(ADA, company=""), companies) is None


# -- the bundled templates, with the demo data ---------------------------------------------
BUNDLED = resource_dir("templates")
NOWHERE = Path("/nonexistent-user-templates")
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
CONTACTS = {contact.name: contact for contact in demo_contacts(NOW)}
VALUES = {
    "visit_dates": "3–5 December",
    "advice": "join the Analytics Engineering meetup",
    "article_title": "Data contracts in practice",
    "article_url": "https://example.com/data-contracts",
    "update": "I start a data apprenticeship in January",
    "topic": "data contracts",
}
NAMES = ("cold-request", "referral-request", "follow-up", "thank-you", "article", "linkedin-note")


def render_bundled(name: str, contact: Contact) -> RenderedLetter:
    return render_letter(
        load_template(name, BUNDLED, NOWHERE),
        contact=contact,
        profile=DEMO_PROFILE,
        company=find_company(contact, demo_companies(NOW)),
        values=VALUES,
        today=NOW.date(),
        name=name,
    )


def test_every_named_template_is_bundled() -> None:
    assert {info.name for info in list_templates(BUNDLED, NOWHERE)} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("person", ["Ada Okafor", "Grace Liu", "Liam O'Brien", "Mei Wong"])
def test_bundled_templates_render_short_clean_letters(name: str, person: str) -> None:
    result = render_bundled(name, CONTACTS[person])
    assert result.problem is None
    message = message_text(result.body, DEMO_PROFILE.signature)
    assert count_words(message) < DEFAULT_WORD_LIMIT
    assert result.subject
    warnings = lint_letter(
        result.subject, result.body, kind=result.kind, signature=DEMO_PROFILE.signature
    )
    assert warnings == []
    if name == "linkedin-note":
        assert len(result.body) < 300


@pytest.mark.parametrize("name", ["cold-request", "referral-request"])
def test_requests_promise_a_follow_up_day(name: str) -> None:
    result = render_bundled(name, CONTACTS["Grace Liu"])
    assert result.kind == "request"
    assert result.promised == date(2026, 12, 1)
    assert "Tuesday 1 December" in result.body
    assert DEMO_PROFILE.phone in result.body
    assert DEMO_PROFILE.email in result.body
    # Only the cold request says when you are in their area.
    assert ("3–5 December" in result.body) == (name == "cold-request")


def test_the_referral_letter_names_the_referrer_first() -> None:
    grace = replace(CONTACTS["Grace Liu"], hook="your post on supply-chain data")
    result = render_bundled("referral-request", grace)  # referred by Maya Chen
    assert result.complete
    assert result.subject == "Maya Chen suggested I get in touch"
    first_paragraph = result.body.split("\n\n")[1]
    assert first_paragraph.startswith("Maya Chen suggested I get in touch")


def test_the_cold_letter_starts_from_the_hook() -> None:
    ada = replace(CONTACTS["Ada Okafor"], hook="your post on retiring a 10-year-old ETL pipeline")
    result = render_bundled("cold-request", ada)
    assert result.complete
    assert result.body.split("\n\n")[1].startswith("I enjoyed your post on retiring")
    assert DEMO_PROFILE.background in result.body


def test_contacts_without_a_hook_or_referrer_get_them_reported() -> None:
    cold_for_referred = render_bundled("cold-request", CONTACTS["Grace Liu"])
    assert paths(cold_for_referred) == ["contact.hook"]
    referral_for_cold = render_bundled("referral-request", CONTACTS["Ada Okafor"])
    assert paths(referral_for_cold) == ["contact.referrer"]
    assert referral_for_cold.subject == "[contact.referrer] suggested I get in touch"


def test_a_request_needs_the_letter_values_it_outputs() -> None:
    result = render_letter(
        load_template("cold-request", BUNDLED, NOWHERE),
        contact=CONTACTS["Ada Okafor"],
        profile=replace(DEMO_PROFILE, phone=""),
        today=NOW.date(),
        name="cold-request",
    )
    assert paths(result) == ["me.phone"]  # the visit dates are optional


def test_the_follow_up_mentions_the_referrer_only_when_there_is_one() -> None:
    referred = render_bundled("follow-up", CONTACTS["Grace Liu"])
    cold = render_bundled("follow-up", CONTACTS["Ada Okafor"])
    assert "my earlier note mentioning Maya Chen" in referred.body
    assert "Maya Chen" not in cold.body
    # The referrer suggested writing, not writing twice.
    assert "suggested" not in referred.body and "suggested" not in cold.body
    assert referred.complete and cold.complete
