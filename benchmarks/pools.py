"""Words the generator picks from: names from many places, companies, titles, hooks."""

from __future__ import annotations

FIRST_NAMES = (
    "Ada", "Bruno", "Chloé", "Dev", "Elena", "Farid", "Grace", "Hiro", "Isabel", "Jamal",
    "Kerstin", "Liam", "Mei", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samuel", "Tamsin",
    "Umar", "Valentina", "Wen", "Xavier", "Yara", "Zoë", "Aleksandr", "Bongani", "Catalina",
    "Dmitri", "Eilidh", "Fatima", "Giorgos", "Hannah", "Ifeoma", "Jonas", "Kofi", "Léa",
    "Mateus", "Niamh", "Olusegun", "Paulina", "Rafael", "Siobhán", "Tomasz", "Ugo", "Vikram",
    "Wiebke", "Yusuf", "Zsófia", "Anders", "Beatriz", "Ciarán", "Daniela", "Emre", "Freya",
    "Gustavo", "Hyun-woo", "Ingrid", "Javier", "Kavya", "Lucas", "Magdalena", "Noor", "Orla",
    "Pedro", "Rania", "Sven", "Thandiwe", "Ulrike", "Vera", "Wojciech", "Ximena", "Yosef",
    "Åsa", "Björn", "Ольга", "Νίκος",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Salas", "Martin", "Patel", "Petrova", "Haddad", "Liu", "Tanaka", "Moreno",
    "Wright", "Vogel", "O'Brien", "Wong", "Rahman", "Lindqvist", "Nair", "Roux", "Jiménez",
    "Adeyemi", "Clarke", "Siddiqui", "Russo", "Zhao", "Dubois", "Berg", "Kowalski", "Nguyen",
    "Fernández", "Mensah", "Schmidt", "Ivanova", "Papadopoulos", "MacLeod", "Kaur", "da Silva",
    "Novak", "Yilmaz", "Andersson", "Murphy", "Kim", "Ferreira", "Müller", "Osei", "Costa",
    "Horvath", "Eriksen", "Dlamini", "Ali", "Bianchi", "Sato", "Van der Berg", "Ó Súilleabháin",
    "Lefebvre", "Gonzalez", "Banerjee", "Hughes", "Nowak", "Abara", "Lindgren", "Quispe",
    "Rossi", "Smith-Jones", "Tran", "Weber", "Young", "Zielińska", "Achterberg", "Boateng",
    "Соколов", "Αλεξίου",
)  # fmt: skip
COMPANY_WORDS = (
    "Northwind", "Lumen", "Tidewater", "Orbital", "Kestrel", "Heron", "Civic", "Harbor",
    "Juniper", "Basalt", "Cobalt", "Meridian", "Alder", "Granite", "Lark", "Saffron",
    "Quarry", "Willow", "Beacon", "Cinder", "Delta", "Ember", "Fjord", "Glacier", "Halcyon",
    "Indigo", "Jasper", "Kite", "Larch", "Mosaic", "Nimbus", "Onyx", "Pioneer", "Quill",
    "Redwood", "Sable", "Thistle", "Umber", "Vantage", "Wren",
)  # fmt: skip
COMPANY_KINDS = (
    ("Analytics", "Data & analytics"),
    ("Health", "Health tech"),
    ("Energy", "Renewable energy"),
    ("Freight", "Logistics"),
    ("Studio", "Design agency"),
    ("Cloud", "Developer tools"),
    ("Lab", "Government digital services"),
    ("Capital", "Finance"),
    ("Bio", "Biotech"),
    ("Learning", "Education"),
    ("Robotics", "Manufacturing"),
    ("Media", "Publishing"),
    ("Foods", "Food & agriculture"),
    ("Mobility", "Transport"),
)
TITLES = (
    "Staff Data Engineer", "UX Research Lead", "Product Manager", "Engineering Manager",
    "Clinical Informatics Analyst", "Head of Design", "Data Scientist",
    "Site Reliability Engineer", "Sustainability Manager", "Product Designer", "Policy Analyst",
    "Developer Advocate", "Operations Lead", "Research Scientist", "Engineering Director",
    "Analytics Manager", "Service Designer", "Grid Modelling Engineer", "CTO", "Head of People",
    "Data Platform Lead", "UX Writer", "Quant Developer", "Civic Technologist",
    "Machine Learning Engineer", "Technical Writer", "Curriculum Designer", "Supply Chain Analyst",
    "Founder", "Chief of Staff", "Solutions Architect", "Bioinformatician",
)  # fmt: skip
TOPICS = (
    "retiring a 10-year-old ETL pipeline", "nurses designing their own dashboards",
    "grid software for small utilities", "design systems for tiny teams",
    "the on-call rota that halved pages", "writing docs people actually read",
    "sepsis prediction in rural hospitals", "designing benefit forms", "hiring career changers",
    "data contracts", "error messages", "tabular models", "moving from teaching to data",
    "accessible charts", "carbon accounting for warehouses", "open-source maintenance",
    "the first 90 days as a manager", "pricing experiments", "offline-first mobile apps",
)  # fmt: skip
HOOK_FORMS = (
    "Her post on {}",
    "His talk on {}",
    "Their article on {}",
    "Conference talk: {}",
    "Podcast episode on {}",
    "Newsletter issue on {}",
    "Blog post: {}",
)
TAGS = (
    "priority", "alumni", "data", "design", "health", "energy", "remote", "manager",
    "meetup", "linkedin", "referral", "warm", "long-shot", "hiring", "mentor",
)  # fmt: skip
CITIES = ("Manchester", "Leeds", "London", "Glasgow", "Bristol", "Dublin", "Berlin", "Remote")
QUESTIONS = (
    ("trends", "What changed most in your field over the last two years?"),
    ("insights", "What does a normal week look like for you?"),
    ("insights", "What surprised you when you started?"),
    ("advice", "What would you do in my place, coming from teaching?"),
    ("resources", "Which newsletter or meetup would you recommend?"),
    ("assignments", "Is there a small project that would show I can do this work?"),
)
