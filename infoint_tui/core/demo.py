"""Realistic sample data for ``infoint --demo``, built relative to "now".

Deterministic for a given clock, so snapshot tests can use it too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from .companies import Company
from .contacts.followups import Action, local_day, prepare_step
from .contacts.model import Contact, Event, Stage, StageChange
from .dates import add_business_days
from .documents import Store
from .exchange.people import Person
from .interviews.interview import Interview, new_interview
from .interviews.questions import BANK
from .letters.letter import Letter
from .profile import Profile

# name, title, company, stage, source, referrer, hook, days in stage, follow-up offset
_PEOPLE: list[tuple[str, str, str, Stage, str, str, str, int, int | None]] = [
    (
        "Ada Okafor",
        "Staff Data Engineer",
        "Northwind Analytics",
        Stage.TARGET,
        "cold",
        "",
        "your post on retiring a 10-year-old ETL pipeline",
        2,
        None,
    ),
    (
        "Bruno Salas",
        "UX Research Lead",
        "Lumen Health",
        Stage.TARGET,
        "referral",
        "Maya Chen",
        "",
        1,
        None,
    ),
    (
        "Chloé Martin",
        "Product Manager",
        "Tidewater Energy",
        Stage.TARGET,
        "cold",
        "",
        "your conference talk on grid software for small utilities",
        4,
        None,
    ),
    (
        "Dev Patel",
        "Engineering Manager",
        "Orbital Freight",
        Stage.TARGET,
        "referral",
        "Sam Rivera",
        "",
        3,
        None,
    ),
    (
        "Elena Petrova",
        "Clinical Informatics Analyst",
        "Lumen Health",
        Stage.TARGET,
        "cold",
        "",
        "your article on nurses designing their own dashboards",
        6,
        None,
    ),
    (
        "Farid Haddad",
        "Head of Design",
        "Kestrel Studio",
        Stage.REQUESTED,
        "cold",
        "",
        "your podcast episode on design systems for tiny teams",
        4,
        -1,
    ),
    (
        "Grace Liu",
        "Data Scientist",
        "Northwind Analytics",
        Stage.REQUESTED,
        "referral",
        "Maya Chen",
        "",
        2,
        0,
    ),
    (
        "Hiro Tanaka",
        "Site Reliability Engineer",
        "Orbital Freight",
        Stage.REQUESTED,
        "cold",
        "",
        "your blog post on the on-call rota that halved pages",
        1,
        2,
    ),
    (
        "Isabel Moreno",
        "Sustainability Manager",
        "Tidewater Energy",
        Stage.REQUESTED,
        "referral",
        "Jonas Berg",
        "",
        0,
        3,
    ),
    (
        "Jamal Wright",
        "Product Designer",
        "Kestrel Studio",
        Stage.FOLLOW_UP,
        "cold",
        "",
        "your Dribbble case study of a transit app",
        8,
        -3,
    ),
    (
        "Kerstin Vogel",
        "Policy Analyst",
        "Civic Lab",
        Stage.FOLLOW_UP,
        "referral",
        "Ana Souza",
        "",
        3,
        4,
    ),
    (
        "Liam O'Brien",
        "Developer Advocate",
        "Heron Cloud",
        Stage.FOLLOW_UP,
        "cold",
        "",
        "your talk on writing docs people actually read",
        5,
        0,
    ),
    (
        "Mei Wong",
        "Operations Lead",
        "Orbital Freight",
        Stage.SCHEDULED,
        "referral",
        "Dev Patel",
        "",
        2,
        1,
    ),
    (
        "Nadia Rahman",
        "Research Scientist",
        "Lumen Health",
        Stage.SCHEDULED,
        "cold",
        "",
        "your paper on sepsis prediction in rural hospitals",
        4,
        0,
    ),
    (
        "Oscar Lindqvist",
        "Engineering Director",
        "Heron Cloud",
        Stage.SCHEDULED,
        "referral",
        "Liam O'Brien",
        "",
        1,
        5,
    ),
    (
        "Priya Nair",
        "Analytics Manager",
        "Northwind Analytics",
        Stage.MET,
        "referral",
        "Grace Liu",
        "",
        1,
        0,
    ),
    (
        "Quentin Roux",
        "Service Designer",
        "Civic Lab",
        Stage.MET,
        "cold",
        "",
        "your newsletter issue on designing benefit forms",
        3,
        -2,
    ),
    (
        "Rosa Jiménez",
        "Grid Modelling Engineer",
        "Tidewater Energy",
        Stage.MET,
        "referral",
        "Isabel Moreno",
        "",
        0,
        1,
    ),
    (
        "Samuel Adeyemi",
        "CTO",
        "Kestrel Studio",
        Stage.NURTURE,
        "referral",
        "Farid Haddad",
        "",
        50,
        10,
    ),
    (
        "Tamsin Clarke",
        "Head of People",
        "Heron Cloud",
        Stage.NURTURE,
        "cold",
        "",
        "your thread on hiring career changers",
        30,
        -4,
    ),
    (
        "Umar Siddiqui",
        "Data Platform Lead",
        "Orbital Freight",
        Stage.NURTURE,
        "cold",
        "",
        "your meetup talk on data contracts",
        12,
        9,
    ),
    (
        "Valentina Russo",
        "UX Writer",
        "Lumen Health",
        Stage.CLOSED,
        "cold",
        "",
        "your Medium post on error messages",
        15,
        None,
    ),
    (
        "Wen Zhao",
        "Quant Developer",
        "Harbor Capital",
        Stage.CLOSED,
        "cold",
        "",
        "Open-source backtesting library",
        40,
        None,
    ),
    (
        "Xavier Dubois",
        "Civic Technologist",
        "Civic Lab",
        Stage.TARGET,
        "referral",
        "Ana Souza",
        "",
        0,
        None,
    ),
    (
        "Yara Haddad",
        "Machine Learning Engineer",
        "Heron Cloud",
        Stage.REQUESTED,
        "cold",
        "",
        "your Kaggle write-up on tabular models",
        6,
        -2,
    ),
]

_COMPANIES = [
    ("Northwind Analytics", "Data & analytics", 3, 3, "yes"),
    ("Lumen Health", "Health tech", 3, 2, "yes"),
    ("Tidewater Energy", "Renewable energy", 2, 2, "yes"),
    ("Orbital Freight", "Logistics", 2, 3, "yes"),
    ("Kestrel Studio", "Design agency", 2, 1, "yes"),
    ("Heron Cloud", "Developer tools", 1, 2, "yes"),
    ("Civic Lab", "Government digital services", 3, 1, "no"),
    ("Harbor Capital", "Finance", 0, 1, "no"),
]

_NOTES = {
    "Ada Okafor": "Moved from academia to industry in 2019. Ask how she chose her first team.",
    "Grace Liu": "Maya says she loves talking about mentoring juniors.",
    "Mei Wong": "Runs the warehouse analytics guild. Prepare a question on metrics.",
    "Priya Nair": "Met for coffee. Suggested the Analytics Engineering meetup.",
    "Quentin Roux": "Recommended reading: 'Good Services' by Lou Downe.",
    "Samuel Adeyemi": "Thanked on the 3rd; send the article on small-team design ops.",
}

_BACKGROUNDS = {
    "Ada Okafor": "We both studied physics at Leeds.",
    "Nadia Rahman": "Same volunteer group: Code for Good.",
    "Rosa Jiménez": "Both grew up in Valencia.",
}

_STAGE_PATH = list(Stage)[:-1]

# One question of each TIARA kind, most important first, as the method advises.
_DEMO_QUESTIONS = tuple(BANK[index] for index in (0, 5, 10, 15, 20) if index < len(BANK))


_DEMO_PLACES = ("Café Nero, Kingsway", "video https://meet.example/abc-defg", "their office")


def _interview_time(now: datetime, offset: int | None) -> datetime:
    """Scheduled interviews at 14:00 local time, ``offset`` days from today."""
    day = local_day(now) + timedelta(days=offset or 0)
    return datetime(day.year, day.month, day.day, 14, 0).astimezone(UTC)


def _history(stage: Stage, entered: datetime) -> tuple[StageChange, ...]:
    if stage is Stage.CLOSED:
        return (
            StageChange(Stage.TARGET, entered - timedelta(days=12)),
            StageChange(Stage.REQUESTED, entered - timedelta(days=9)),
            StageChange(Stage.CLOSED, entered),
        )
    steps = _STAGE_PATH[: _STAGE_PATH.index(stage) + 1]
    count = len(steps)
    return tuple(
        StageChange(step, entered - timedelta(days=3 * (count - 1 - position)))
        for position, step in enumerate(steps)
    )


def demo_contacts(now: datetime) -> list[Contact]:
    today = local_day(now)
    contacts: list[Contact] = []
    for rank, (name, title, company, stage, source, referrer, hook, days, offset) in enumerate(
        _PEOPLE
    ):
        entered = now - timedelta(days=days, hours=rank % 5)
        history = _history(stage, entered)
        first = name.split()[0].lower()
        events: tuple[Event, ...] = ()
        if stage in (Stage.MET, Stage.NURTURE):
            events = (Event("meeting", entered - timedelta(hours=2), "30-minute call"),)
        follow_up = today + timedelta(days=offset) if offset is not None else None
        questions = _DEMO_QUESTIONS if stage in (Stage.SCHEDULED, Stage.MET, Stage.NURTURE) else ()
        if stage is Stage.REQUESTED and offset is None:
            follow_up = add_business_days(today, 3)
        action = _action(stage)
        interview_at = _interview_time(now, offset) if stage is Stage.SCHEDULED else None
        if stage is Stage.SCHEDULED:
            step = prepare_step(today, interview_at)
            follow_up, action = step.due, step.action
        contact = Contact(
            name=name,
            title=title,
            company=company,
            industry=next(c[1] for c in _COMPANIES if c[0] == company),
            email=f"{first}@{company.split()[0].lower()}.example",
            phone=f"+44 20 7946 0{100 + rank:03d}",
            linkedin_url=f"https://www.linkedin.com/in/{name.lower().replace(' ', '-')}",
            source=source,
            referrer=referrer,
            hook=hook,
            background=_BACKGROUNDS.get(name, ""),
            notes=_NOTES.get(name, ""),
            tags=("demo",) if rank % 3 else ("demo", "priority"),
            stage=stage,
            rank=float(rank),
            stage_history=history,
            events=events,
            questions=questions,
            interview_at=interview_at,
            meeting_place=_DEMO_PLACES[rank % len(_DEMO_PLACES)] if interview_at else "",
            follow_up=follow_up,
            next_action=action.label if action else "",
            action=action.value if action else "",
            created=history[0].at,
            updated=history[-1].at,
        )
        contacts.append(contact)
    return contacts


_STAGE_ACTIONS = {
    Stage.REQUESTED: Action.FOLLOW_UP,
    Stage.FOLLOW_UP: Action.LAST_FOLLOW_UP,
    Stage.SCHEDULED: Action.PREPARE,
    Stage.MET: Action.THANK_YOU,
    Stage.NURTURE: Action.ARTICLE,
}


def _action(stage: Stage) -> Action | None:
    return _STAGE_ACTIONS.get(stage)


def demo_companies(now: datetime) -> list[Company]:
    return [
        Company(
            name=name,
            industry=industry,
            motivation=motivation,
            posting=posting,
            advocacy=advocacy,
            created=now,
            updated=now,
        )
        for name, industry, motivation, posting, advocacy in _COMPANIES
    ]


DEMO_PROFILE = Profile(
    name="Jordan Avery",
    email="jordan.avery@example.com",
    phone="+44 7700 900123",
    linkedin_url="https://www.linkedin.com/in/jordan-avery",
    city="Manchester",
    background="Eight years as a secondary-school science teacher, now learning data analysis",
    goal="how analysts in health and energy spend their week",
    signature="Jordan Avery\n+44 7700 900123",
    interview_minutes=30,
)


def demo_letters(contacts: list[Contact]) -> list[Letter]:
    """The request each asked contact was sent, and the thank-yous already written."""
    letters: list[Letter] = []
    for contact in contacts:
        for change in contact.stage_history:
            if change.stage is Stage.REQUESTED:
                template = "referral-request" if contact.source == "referral" else "cold-request"
                subject = (
                    f"{contact.referrer} suggested I get in touch"
                    if contact.referrer
                    else "A quick question about your work"
                )
                body = f"Dear {contact.name.split()[0]},\n\n(sent from the demo)"
                letters.append(
                    Letter.create(contact.id, template, subject, body, now=change.at).mark_sent(
                        now=change.at
                    )
                )
            if change.stage is Stage.NURTURE:
                subject = f"Thank you, {contact.name.split()[0]}"
                body = "Thank you for your time yesterday.\n\n(sent from the demo)"
                letters.append(
                    Letter.create(contact.id, "thank-you", subject, body, now=change.at).mark_sent(
                        now=change.at
                    )
                )
    return letters


def demo_interviews(contacts: list[Contact]) -> list[Interview]:
    """An ended interview for everyone already met."""
    found: list[Interview] = []
    for contact in contacts:
        met = next((c.at for c in contact.stage_history if c.stage is Stage.MET), None)
        if met is None:
            continue
        started = met - timedelta(minutes=32)
        interview = new_interview(contact, started)
        questions = tuple(
            replace(question, asked=index < 3, answer=_ANSWERS[index] if index < 3 else "")
            for index, question in enumerate(interview.questions)
        )
        advice, topic, intro = _FRUITS[len(found) % len(_FRUITS)]
        notes = (
            "Generous with time; suggested two people to talk to.\n"
            f"advice: {advice}\ntopic: {topic}\nintro: {intro}"
        )
        found.append(
            replace(
                interview,
                started_at=started,
                ended_at=met,
                questions=questions,
                notes=notes,
            )
        )
    return found


_ANSWERS = (
    "Smaller teams owning their data end to end.",
    "How much of the job is explaining, not analysing.",
    "Ship one small public project before applying anywhere.",
)
# What the demo's interviews marked in their notes (advice:, topic:, intro:).
_FRUITS = (
    ("join the analytics meetup", "dbt at scale", "Raj Patel at Heron Cloud"),
    ("write up one project in public", "data contracts", "Lena Ortiz at Orbital Freight"),
    ("talk to the support team first", "dashboards nobody reads", "Kofi Mensah at Civic Lab"),
)


_FIRST = (
    "Alex",
    "Sam",
    "Priya",
    "Tomás",
    "Yuki",
    "Noor",
    "Lena",
    "Kofi",
    "Ines",
    "Mateo",
    "Hana",
    "Omar",
    "Zoë",
    "Ravi",
    "Freya",
    "Jun",
    "Aisha",
    "Lucas",
    "Mira",
    "Dmitri",
)
_LAST = ("Brown", "Garcia", "Kim", "Okoye", "Novak", "Silva", "Ito", "Haddad", "Meyer", "Singh")
_POSITIONS = (
    "Data Analyst",
    "Software Engineer",
    "Product Manager",
    "Designer",
    "Operations Manager",
    "Research Scientist",
    "Recruiter",
    "Engineering Manager",
)


def demo_network(contacts: list[Contact], now: datetime) -> list[Person]:
    """About sixty LinkedIn connections: some at the target companies, a few already contacts."""
    people: list[Person] = []
    companies = [name for name, *_ in _COMPANIES] + ["Blue Fern Books", "Cobalt Games"]
    for index in range(56):
        first = _FIRST[index % len(_FIRST)]
        last = _LAST[(index + index // len(_FIRST)) % len(_LAST)]
        name = f"{first} {last}"
        people.append(
            Person(
                name=name,
                first_name=first,
                last_name=last,
                company=companies[(index * 7) % len(companies)],
                position=_POSITIONS[index % len(_POSITIONS)],
                linkedin_url=f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{index}",
                connected_on=(now - timedelta(days=30 * (index % 40))).date(),
                source="linkedin",
                created=now,
                updated=now,
            )
        )
    for contact in contacts[:6]:
        people.append(
            Person(
                name=contact.name,
                company=contact.company,
                position=contact.title,
                linkedin_url=contact.linkedin_url,
                email=contact.email,
                source="linkedin",
                contact_id=contact.id,
                created=now,
                updated=now,
            )
        )
    return people


def populate(store: Store) -> None:
    """Fill an empty store with the demo documents."""
    now = store.clock()
    with store.locked():
        store.companies.insert_many(demo_companies(now))
        contacts = store.contacts.insert_many(demo_contacts(now))
        store.letters.insert_many(demo_letters(contacts))
        store.interviews.insert_many(demo_interviews(contacts))
        store.network.insert_many(demo_network(contacts, now))
        store.save_profile(replace(DEMO_PROFILE))
