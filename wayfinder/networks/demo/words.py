"""Word lists that seed_scale combines into invented place, organisation, network and person names."""

from __future__ import annotations


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Invented regions, so generated data never poses as a real NHS region.
REGION_NAMES = (
    "Northmarch",
    "Westerfold",
    "Heartwold",
    "Eastmere",
    "Thameslea",
    "Southdown Reach",
    "Cornmoor",
)

# Town names are a first part and an ending: "Quen" + "combe" gives "Quencombe".
TOWN_STARTS = _split(
    "Aln Bren Brin Brack Cald Ced Cobb Dew Dor Ebb Elder Emb Fal Fern Flax Frid Gar Gild Gos Hal Hem Heron "
    "Hob Hollin Ingle Ivy Jes Kel Kest Lark Linn Lox Mab Marl Merri Moss Ned Nettle Norr Orm Ost Otter Pell "
    "Pike Plum Quarry Quen Raven Rix Rook Sef Skel Teal Thistle Tid Umber Ull Vell Ver Wid Wold Wren Wyc Yar Yew"
)
TOWN_ENDINGS = _split(
    "combe ley ford ham wick thorpe bury field stow dale mere by ton worth hurst den well brook moor wood "
    "gate holme marsh bridge cote haven ridge stead beck low"
)
# Combinations that are real towns or plain words, left out so generated names stay clearly invented.
NOT_TOWNS = frozenset(
    _split(
        "Alnwick Brackley Caldbeck Dorridge Fallow Ferndale Fernhurst Flaxby Flaxton Garden Gosford Goswick Halford "
        "Hallow Halstead Halton Hembury Hemsworth Hobby Ingleby Ingleton Ivybridge Kelham Larkfield Linton Loxley "
        "Loxton Loxwood Marlow Mossley Nettlecombe Nettleham Nettlestead Nettleton Otterton Plumley Plumstead "
        "Rookwood Sefton Skelton Thistleton Tidmarsh Tidworth Verwood Widcombe Widford Wrenbury Yewdale"
    )
)

PCN_QUALIFIERS = ("North", "South", "East", "West", "Central", "Valley", "Rural", "Coast", "Villages", "Town")

STREETS = (
    "Mill Lane",
    "Church Road",
    "Station Road",
    "Market Street",
    "Orchard Way",
    "Victoria Road",
    "Park View",
    "High Street",
    "Bridge Street",
    "Chapel Row",
    "Castle Hill",
    "Meadow Lane",
    "Kings Walk",
    "Abbey Road",
    "Spring Gardens",
    "Quarry Lane",
    "Forge Close",
    "Willow Grove",
    "Canal Side",
    "Beacon Hill",
)
GP_PATTERNS = (
    "{town} Surgery",
    "{town} Medical Centre",
    "{town} Health Centre",
    "{town} Medical Practice",
    "The {town} Practice",
    "{town} Family Doctors",
    "{street} Surgery",
    "{street} Medical Practice",
    "{street} Health Centre",
)
COMMUNITY_PATTERNS = (
    "{town} Community Health Services",
    "{town} Community Nursing Team",
    "{town} Integrated Community Care",
)
VOLUNTARY_PATTERNS = (
    "{town} Carers' Hub",
    "{town} Befriending Scheme",
    "Friends of {town}",
    "{town} Community Pantry",
    "{town} Volunteer Drivers",
    "{town} Age Well Trust",
)
LOCAL_AUTHORITY_PATTERNS = ("{town} District Council", "{town} Borough Council", "{town} Town Council")

TOPICS = (
    "Frailty",
    "Diabetes",
    "Respiratory",
    "Mental Health",
    "Social Prescribing",
    "Care Homes",
    "Childhood Immunisation",
    "Early Cancer Diagnosis",
    "Heart Failure",
    "Medicines Optimisation",
    "Dementia",
    "End of Life Care",
    "Health Inequalities",
    "Population Health",
    "Quality Improvement",
    "Digital Access",
    "Staff Wellbeing",
    "Practice Nursing",
    "First Contact Physiotherapy",
    "Paramedic Practice",
    "Carers Support",
    "Learning Disability Health Checks",
    "Homeless Health",
    "Veterans' Health",
    "Early Years",
    "Weight Management",
    "Falls Prevention",
    "Pharmacy Integration",
    "Estates",
    "Data and Analytics",
    "Anticipatory Care",
    "Musculoskeletal",
    "Sexual Health",
    "Smoking Cessation",
    "Young People's Health",
    "Refugee Health",
    "Green Health",
    "Research Ready Practice",
    "Clinical Director Peer Support",
    "Care Coordination",
)

# Words that end a network's name, by network type.
KIND_WORDS = {
    "learning": ("Learning Network", "Community of Practice", "Learning Set", "Action Learning Group"),
    "delivery": ("Collaborative", "Partnership", "Improvement Network"),
    "advocacy": ("Voice", "Advocacy Network", "Alliance"),
    "social": ("Forum", "Peer Circle", "Coffee Club"),
    "managed": ("Managed Clinical Network", "Operational Delivery Network"),
}

MEETING_RHYTHMS = ("every month", "every six weeks", "every quarter", "online every fortnight", "twice a year")

FIRST_NAMES = _split(
    "Aaliyah Abdul Ada Aiden Alfie Amara Amelia Anil Aoife Arjun Ava Beatrice Ben Bethan Callum Carys "
    "Chen Chloe Daniel Deepa Dylan Eilidh Elena Eliza Emeka Erin Ewan Fatima Finn Freya Gabriel Grace "
    "Hamza Hannah Harriet Harvey Ibrahim Imogen Isaac Isla Jack Jasmine Joel Joseph Kai Kavya Keira Kofi "
    "Layla Leo Liam Lily Lucas Maya Megan Mohammed Nadia Niamh Noah Olivia Omar Oscar Priya Rachel Rhys "
    "Rosa Ruby Sam Sana Sophie Tariq Theo Thomas Uma Victor Wei Yasmin Yusuf Zara Zoe"
)
SURNAMES = _split(
    "Abbott Adeyemi Ahmed Ainsworth Akhtar Appleby Atherton Bailey Banerjee Barker Begum Bennett "
    "Blackwood Bowen Brennan Calder Campbell Chambers Chaudhry Clarke Collins Cooper Dalton Davies Desai "
    "Dixon Doherty Driscoll Eastwood Edwards Ellis Evans Fairclough Farrell Fischer Fletcher Foster "
    "Gallagher Garcia Gill Goodwin Gray Hale Hamilton Hancock Haworth Hughes Hussain Iqbal Jackson James "
    "Jenkins Johal Kaur Kelly Kennedy Khan Kowalski Lam Lawson Lewis Lloyd Lowe Macdonald Mahmood Marsh "
    "Mensah Mitchell Moreno Morgan Murphy Nair Nguyen Novak Nwosu O'Brien Okafor Osborne Owusu Palmer "
    "Parekh Patel Pearson Price Quinn Rahman Reid Richards Rossi Saunders Shah Sharma Singh Slater Sutton "
    "Thornton Turner Wainwright Walsh Yildiz"
)

# (professional group, its share of members, job titles within it)
PROFESSIONS = (
    ("gp", 16, ("GP partner", "Salaried GP", "GP registrar", "Locum GP")),
    ("nurse", 18, ("Practice nurse", "Advanced nurse practitioner", "District nurse", "Healthcare assistant")),
    ("pharmacist", 7, ("Clinical pharmacist", "Pharmacy technician", "Community pharmacist")),
    (
        "allied_health",
        11,
        ("First contact physiotherapist", "Paramedic practitioner", "Occupational therapist", "Dietitian"),
    ),
    ("social_prescriber", 6, ("Social prescribing link worker", "Health and wellbeing coach", "Care coordinator")),
    ("practice_manager", 9, ("Practice manager", "Business manager", "Operations manager")),
    ("manager", 12, ("Receptionist team lead", "Data quality lead", "PCN manager", "Digital transformation lead")),
    ("commissioner", 4, ("Primary care commissioning manager", "Population health analyst")),
    ("social_care", 5, ("Adult social care practitioner", "Social worker")),
    ("voluntary", 5, ("Volunteer coordinator", "Community development worker")),
    ("public", 4, ("Patient representative", "Carer representative")),
    ("other", 3, ("Researcher", "Estates manager", "Trainer")),
)

# Description templates: short, plain sentences filled in with generated names and topics.
PCN_DESCRIPTION = "{practices} practices{partners} caring for about {population} people in and around {towns}. {focus}"
PCN_FOCUS = (
    "This year the network is concentrating on {topic}.",
    "Shared work starts with {topic}, picked after the last self-assessment.",
    "The steering group meets {rhythm} to check progress on {topic}.",
)
PARTNER_PHRASES = {
    "community": "community health services",
    "voluntary": "a voluntary group",
    "local_authority": "the council",
    "other": "local partners",
}
NETWORK_DESCRIPTIONS = {
    "learning": "A {kind} for people working on {topic} {where}. Members swap what has worked and meet {rhythm}.",
    "delivery": "Teams {where} working together to improve {topic}. They agree goals and check progress {rhythm}.",
    "advocacy": "Staff, patients and carers {where} speaking up together about {topic}. They gather views {rhythm}.",
    "social": "An informal group for colleagues {where} with an interest in {topic}. People drop in {rhythm}.",
    "managed": "A managed network that coordinates {topic} services {where}, reviewing pathways {rhythm}.",
}
