"""The small, hand-written world that seed_demo loads: invented places, networks and people."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "wayfinder-demo-2026"  # noqa: S105 - a published demo password, never used outside demo data
DEMO_DOMAIN = "wayfinder.test"
DEMO_INVITATION_TOKEN = "demo-invitation-ravensby-central"  # noqa: S105 - demo data only
SITE_DOMAIN = "127.0.0.1:8000"
SITE_NAME = "Wayfinder"


@dataclass(frozen=True)
class DemoRegion:
    code: str
    name: str


@dataclass(frozen=True)
class DemoSystem:
    code: str
    name: str
    region: str  # region code


@dataclass(frozen=True)
class DemoPlace:
    code: str
    name: str
    system: str  # system code


@dataclass(frozen=True)
class DemoOrganisation:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class DemoNetwork:
    """A network; `key` is how people below refer to it."""

    key: str
    name: str
    slug: str
    network_type: str
    stage: str
    privacy: str
    description: str
    system: str | None = None
    place: str | None = None
    code: str | None = None
    population: int | None = None
    organisations: tuple[DemoOrganisation, ...] = ()

    @property
    def is_pcn(self) -> bool:
        return self.code is not None


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    job_title: str
    organisation: str
    professional_group: str
    memberships: tuple[tuple[str, str], ...] = ()  # (network key, role)
    appointments: tuple[tuple[str, str | None], ...] = ()  # (role, system or region code)
    role_label: str = ""  # set for the one sign-in per role
    try_this: str = ""
    superuser: bool = False
    needs_two_factor: bool = False


REGIONS = (
    DemoRegion("Y91", "Fells and Lakes"),
    DemoRegion("Y92", "Southern Shores"),
)

SYSTEMS = (
    DemoSystem("QZ1", "Fellmark and Ravensby ICS", "Y91"),
    DemoSystem("QZ2", "Upper Tarn ICS", "Y91"),
    DemoSystem("QZ3", "Saltmere Coast ICS", "Y92"),
)

PLACES = (
    DemoPlace("DP01", "Ravensby", "QZ1"),
    DemoPlace("DP02", "Fellmark North", "QZ1"),
    DemoPlace("DP03", "Tarnside", "QZ2"),
    DemoPlace("DP04", "Upper Tarn Dales", "QZ2"),
    DemoPlace("DP05", "Saltmere", "QZ3"),
    DemoPlace("DP06", "Medlow", "QZ3"),
)

GP, COMMUNITY, VOLUNTARY, LOCAL_AUTHORITY = "gp_practice", "community", "voluntary", "local_authority"

PCNS = (
    DemoNetwork(
        key="ravensby",
        name="Ravensby Central PCN",
        slug="ravensby-central-pcn",
        code="U90101",
        population=52_300,
        network_type="delivery",
        stage="established",
        privacy="private",
        system="QZ1",
        place="DP01",
        description=(
            "Four town-centre practices working with community nurses and a carers' group. "
            "This year we are focusing on people with frailty who live alone, and on getting "
            "our new care coordinators settled in. New colleagues join by invitation from the lead."
        ),
        organisations=(
            DemoOrganisation("A90101", "Kiln Street Surgery", GP),
            DemoOrganisation("A90102", "Ravensby Market Medical Centre", GP),
            DemoOrganisation("A90103", "The Old Mill Practice", GP),
            DemoOrganisation("A90104", "Bell Yard Health Centre", GP),
            DemoOrganisation("R9C01", "Fellmark Community Health Services", COMMUNITY),
            DemoOrganisation("VS9001", "Ravensby Carers' Circle", VOLUNTARY),
        ),
    ),
    DemoNetwork(
        key="fellmark",
        name="Fellmark Rural PCN",
        slug="fellmark-rural-pcn",
        code="U90102",
        population=31_800,
        network_type="delivery",
        stage="emerging",
        privacy="private",
        system="QZ1",
        place="DP02",
        description=(
            "Three small practices spread over a wide rural area, with the district council as a partner. "
            "Travel times are long, so we meet online and share staff where we can. We are still "
            "agreeing how decisions get made."
        ),
        organisations=(
            DemoOrganisation("A90111", "High Fell Surgery", GP),
            DemoOrganisation("A90112", "Coldbeck Medical Practice", GP),
            DemoOrganisation("A90113", "Thornwaite Surgery", GP),
            DemoOrganisation("LA9001", "Fellmark District Council", LOCAL_AUTHORITY),
        ),
    ),
    DemoNetwork(
        key="tarnside",
        name="Tarnside and Kelby PCN",
        slug="tarnside-and-kelby-pcn",
        code="U90103",
        population=58_400,
        network_type="delivery",
        stage="established",
        privacy="open",
        system="QZ2",
        place="DP03",
        description=(
            "A large network covering the lakeside town and the villages around it. "
            "We run a shared same-day access hub and a volunteer transport scheme. "
            "Anyone working locally is welcome to join and follow our work."
        ),
        organisations=(
            DemoOrganisation("A90121", "Tarnside Health Centre", GP),
            DemoOrganisation("A90122", "Kelby Road Surgery", GP),
            DemoOrganisation("A90123", "Lakeview Medical Group", GP),
            DemoOrganisation("R9C02", "Upper Tarn Community Nursing Service", COMMUNITY),
            DemoOrganisation("VS9002", "Tarnside Volunteer Drivers", VOLUNTARY),
        ),
    ),
    DemoNetwork(
        key="upper-tarn",
        name="Upper Tarn Villages PCN",
        slug="upper-tarn-villages-pcn",
        code="U90104",
        population=26_700,
        network_type="delivery",
        stage="dormant",
        privacy="private",
        system="QZ2",
        place="DP04",
        description=(
            "Three village practices that formed a network a few years ago. Shared work is on hold "
            "while a new clinical director is found; the practices still meet every quarter."
        ),
        organisations=(
            DemoOrganisation("A90131", "Orrinsdale Surgery", GP),
            DemoOrganisation("A90132", "Hawkmoor Practice", GP),
            DemoOrganisation("A90133", "Gillbeck Medical Centre", GP),
        ),
    ),
    DemoNetwork(
        key="saltmere",
        name="Saltmere Harbour PCN",
        slug="saltmere-harbour-pcn",
        code="U90105",
        population=64_900,
        network_type="delivery",
        stage="established",
        privacy="open",
        system="QZ3",
        place="DP05",
        description=(
            "A coastal network with a busy summer season and many older residents. "
            "Our priorities are falls prevention and keeping people well at home in winter, "
            "working closely with the borough council and community teams."
        ),
        organisations=(
            DemoOrganisation("A90141", "Harbour Lane Surgery", GP),
            DemoOrganisation("A90142", "Quayside Medical Centre", GP),
            DemoOrganisation("A90143", "Cliff Road Practice", GP),
            DemoOrganisation("A90144", "Westerly Bay Surgery", GP),
            DemoOrganisation("R9C03", "Saltmere Coast Community Health", COMMUNITY),
            DemoOrganisation("LA9002", "Saltmere Borough Council", LOCAL_AUTHORITY),
        ),
    ),
    DemoNetwork(
        key="medlow",
        name="Medlow Vale PCN",
        slug="medlow-vale-pcn",
        code="U90106",
        population=38_200,
        network_type="delivery",
        stage="pre_emergent",
        privacy="private",
        system="QZ3",
        place="DP06",
        description=(
            "Three practices and a community food project talking about forming a network together. "
            "Nothing is agreed yet: the first step is a conversation about shared purpose."
        ),
        organisations=(
            DemoOrganisation("A90151", "Medlow Surgery", GP),
            DemoOrganisation("A90152", "Orchard House Practice", GP),
            DemoOrganisation("A90153", "Vale View Medical Centre", GP),
            DemoOrganisation("VS9003", "Medlow Vale Community Pantry", VOLUNTARY),
        ),
    ),
)

OTHER_NETWORKS = (
    DemoNetwork(
        key="frailty",
        name="Fells Frailty Learning Network",
        slug="fells-frailty-learning-network",
        network_type="learning",
        stage="established",
        privacy="open",
        system="QZ1",
        description=(
            "Clinicians, care home staff and carers who want to get better at spotting and supporting "
            "frailty early. We swap case examples, run a monthly online session and keep a shared "
            "library of tools. Open to anyone."
        ),
    ),
    DemoNetwork(
        key="social-prescribing",
        name="Social Prescribing Community of Practice",
        slug="social-prescribing-community-of-practice",
        network_type="learning",
        stage="emerging",
        privacy="restricted",
        description=(
            "A place for link workers, wellbeing coaches and care coordinators to ask questions, share "
            "what has worked and support each other. Anyone can ask to join; a lead checks each request "
            "so the group stays a safe space."
        ),
    ),
    DemoNetwork(
        key="carers-voice",
        name="Carers' Voice Network",
        slug="carers-voice-network",
        network_type="advocacy",
        stage="pre_emergent",
        privacy="private",
        system="QZ3",
        description=(
            "Unpaid carers and the people who support them, getting ready to speak up together about "
            "respite, appointments and information. The group is just getting started and meets by invitation."
        ),
    ),
    DemoNetwork(
        key="managers-circle",
        name="Practice Managers' Peer Circle",
        slug="practice-managers-peer-circle",
        network_type="social",
        stage="emerging",
        privacy="confidential",
        description=(
            "A small, private group where practice managers can talk openly about pressures at work "
            "and lean on each other. It is not listed anywhere and members join by invitation only."
        ),
    ),
    DemoNetwork(
        key="urgent-care",
        name="Saltmere Coast Urgent Care Network",
        slug="saltmere-coast-urgent-care-network",
        network_type="managed",
        stage="dormant",
        privacy="private",
        system="QZ3",
        description=(
            "A managed network that coordinated same-day care across the coast over two busy summers. "
            "It is paused until the system decides how urgent care will be organised next year."
        ),
    ),
)

NETWORKS = PCNS + OTHER_NETWORKS


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


# One sign-in per role, each with something worth trying.
ROLE_PEOPLE = (
    DemoPerson(
        email=_email("lead"),
        full_name="Dr Amara Whitlock",
        job_title="Clinical director",
        organisation="Kiln Street Surgery",
        professional_group="gp",
        memberships=(("ravensby", "lead"), ("social-prescribing", "lead")),
        role_label="Network lead",
        try_this=(
            "Run Ravensby Central PCN: members, roles, invitations. Decide Joel Ferrant's request "
            "to join the Social Prescribing Community of Practice."
        ),
    ),
    DemoPerson(
        email=_email("facilitator"),
        full_name="Tomasz Penhallow",
        job_title="Network development facilitator",
        organisation="Fellmark and Ravensby ICS",
        professional_group="manager",
        memberships=(("ravensby", "facilitator"), ("frailty", "facilitator")),
        role_label="Facilitator",
        try_this="Invite someone to Ravensby Central PCN; you cannot change roles or remove members.",
    ),
    DemoPerson(
        email=_email("steering"),
        full_name="Helen Marchbank",
        job_title="Practice manager",
        organisation="Kiln Street Surgery",
        professional_group="practice_manager",
        memberships=(("ravensby", "steering"), ("managers-circle", "member")),
        role_label="Steering group member",
        try_this="See Ravensby Central PCN from the steering group, and the unlisted managers' peer circle.",
    ),
    DemoPerson(
        email=_email("member"),
        full_name="Joel Ferrant",
        job_title="Practice nurse",
        organisation="Ravensby Market Medical Centre",
        professional_group="nurse",
        memberships=(("ravensby", "member"), ("frailty", "member")),
        role_label="Member",
        try_this=(
            "Browse the directory, join an open network, leave one, and see your request to join "
            "the Social Prescribing Community of Practice waiting for a decision."
        ),
    ),
    DemoPerson(
        email=_email("external"),
        full_name="Dr Ines Calloway",
        job_title="Independent network assessor",
        organisation="Southern Shores peer review pool",
        professional_group="gp",
        memberships=(("ravensby", "external"),),
        role_label="External",
        try_this="See Ravensby Central PCN as an outside assessor, without being one of its members.",
    ),
    DemoPerson(
        email=_email("system.lead"),
        full_name="Marcus Threlfall",
        job_title="Head of primary care development",
        organisation="Fellmark and Ravensby ICS",
        professional_group="commissioner",
        appointments=(("system_lead", "QZ1"),),
        role_label="System lead",
        try_this="See every network in Fellmark and Ravensby ICS, private ones included; create a PCN there.",
    ),
    DemoPerson(
        email=_email("regional.lead"),
        full_name="Yvonne Ashdown",
        job_title="Regional primary care transformation lead",
        organisation="Fells and Lakes regional team",
        professional_group="commissioner",
        appointments=(("regional_lead", "Y91"),),
        role_label="Regional lead",
        try_this="See the networks of both systems in the Fells and Lakes region.",
    ),
    DemoPerson(
        email=_email("national"),
        full_name="Dr Kieran Solberg",
        job_title="National clinical adviser for networks",
        organisation="National team",
        professional_group="gp",
        appointments=(("national_team", None),),
        role_label="National team",
        try_this="Set up two-factor authentication at first sign-in, then see every network that is not confidential.",
        needs_two_factor=True,
    ),
    DemoPerson(
        email=_email("editor"),
        full_name="Rosa Lindqvist",
        job_title="Knowledge hub editor",
        organisation="National team",
        professional_group="manager",
        appointments=(("editor", None),),
        role_label="Editor",
        try_this="Write, review and publish knowledge hub content as those pages arrive.",
    ),
    DemoPerson(
        email=_email("admin"),
        full_name="Sam Carrow",
        job_title="Platform administrator",
        organisation="Wayfinder support team",
        professional_group="other",
        appointments=(("site_admin", None),),
        role_label="Site admin",
        try_this=(
            "Set up two-factor authentication at first sign-in, then see everything, "
            "import the hierarchy and use /admin/."
        ),
        superuser=True,
        needs_two_factor=True,
    ),
)


def _member(name: str, job_title: str, organisation: str, group: str, *memberships: tuple[str, str]) -> DemoPerson:
    local = name.removeprefix("Dr ").lower().replace(" ", ".").replace("'", "")
    return DemoPerson(
        email=_email(local),
        full_name=name,
        job_title=job_title,
        organisation=organisation,
        professional_group=group,
        memberships=tuple(memberships),
    )


# Ordinary members, spread over the networks; every network gets a lead from here or above.
MEMBERS = (
    _member("Dr Oluwaseun Barraclough", "Clinical director", "High Fell Surgery", "gp", ("fellmark", "lead")),
    _member(
        "Dr Fenella Osei-Grant",
        "Clinical director",
        "Tarnside Health Centre",
        "gp",
        ("tarnside", "lead"),
        ("frailty", "member"),
    ),
    _member("Dr Callum Rooksby", "Clinical director", "Hawkmoor Practice", "gp", ("upper-tarn", "lead")),
    _member("Dr Anjali Pemberton", "Clinical director", "Quayside Medical Centre", "gp", ("saltmere", "lead")),
    _member("Dr Hugo Fairbairn", "GP partner", "Medlow Surgery", "gp", ("medlow", "lead"), ("urgent-care", "member")),
    _member(
        "Dr Marguerite Oduya",
        "Consultant in older people's medicine",
        "Fellmark Community Health Services",
        "other",
        ("frailty", "lead"),
    ),
    _member("Wendell Ashby", "Carers' champion", "Saltmere carers' forum", "public", ("carers-voice", "lead")),
    _member(
        "Bernadette Quill",
        "Practice manager",
        "Coldbeck Medical Practice",
        "practice_manager",
        ("managers-circle", "lead"),
        ("fellmark", "steering"),
    ),
    _member(
        "Dr Ravi Underhill",
        "Urgent care clinical lead",
        "Saltmere Coast Community Health",
        "other",
        ("urgent-care", "lead"),
    ),
    _member(
        "Siobhan Tredwell",
        "Social prescribing link worker",
        "Ravensby Carers' Circle",
        "social_prescriber",
        ("ravensby", "member"),
        ("social-prescribing", "steering"),
    ),
    _member(
        "Kwame Ellery",
        "Clinical pharmacist",
        "Bell Yard Health Centre",
        "pharmacist",
        ("ravensby", "member"),
        ("frailty", "member"),
    ),
    _member(
        "Lucy Marchetti",
        "First contact physiotherapist",
        "The Old Mill Practice",
        "allied_health",
        ("ravensby", "member"),
    ),
    _member(
        "Imogen Strachan",
        "Practice nurse",
        "Thornwaite Surgery",
        "nurse",
        ("fellmark", "member"),
        ("frailty", "member"),
    ),
    _member(
        "Declan Moorcroft",
        "Paramedic practitioner",
        "High Fell Surgery",
        "allied_health",
        ("fellmark", "member"),
        ("urgent-care", "member"),
    ),
    _member("Priyanka Lowther", "Care coordinator", "Kelby Road Surgery", "manager", ("tarnside", "member")),
    _member(
        "Gareth Penwill",
        "Practice manager",
        "Lakeview Medical Group",
        "practice_manager",
        ("tarnside", "steering"),
        ("managers-circle", "member"),
    ),
    _member(
        "Esther Nakamura",
        "Health and wellbeing coach",
        "Tarnside Health Centre",
        "allied_health",
        ("tarnside", "member"),
        ("social-prescribing", "member"),
    ),
    _member("Tobias Wrenfield", "Clinical pharmacist", "Orrinsdale Surgery", "pharmacist", ("upper-tarn", "member")),
    _member(
        "Maryam Castellano",
        "District nurse",
        "Upper Tarn Community Nursing Service",
        "nurse",
        ("upper-tarn", "member"),
        ("frailty", "member"),
    ),
    _member(
        "Nathaniel Orpwood",
        "Business manager",
        "Harbour Lane Surgery",
        "practice_manager",
        ("saltmere", "steering"),
        ("managers-circle", "member"),
    ),
    _member(
        "Aoife Kettering", "Mental health practitioner", "Cliff Road Practice", "allied_health", ("saltmere", "member")
    ),
    _member(
        "Dr Benedict Ampofo",
        "Salaried GP",
        "Westerly Bay Surgery",
        "gp",
        ("saltmere", "member"),
        ("urgent-care", "steering"),
    ),
    _member(
        "Harriet Sowerby",
        "Social prescribing link worker",
        "Medlow Vale Community Pantry",
        "social_prescriber",
        ("medlow", "member"),
        ("social-prescribing", "member"),
    ),
    _member(
        "Jonah Pellow",
        "Paramedic practitioner",
        "Vale View Medical Centre",
        "allied_health",
        ("medlow", "member"),
        ("urgent-care", "member"),
    ),
    _member(
        "Constance Abara",
        "Adult social care team manager",
        "Saltmere Borough Council",
        "social_care",
        ("saltmere", "member"),
        ("carers-voice", "member"),
    ),
    _member(
        "Felix Tremayne",
        "Volunteer coordinator",
        "Tarnside Volunteer Drivers",
        "voluntary",
        ("tarnside", "member"),
        ("carers-voice", "steering"),
    ),
    _member(
        "Noor Hallworth",
        "Patient representative",
        "Ravensby patient participation group",
        "public",
        ("ravensby", "member"),
        ("carers-voice", "member"),
    ),
    _member(
        "Rhiannon Daubney",
        "Occupational therapist",
        "Fellmark Community Health Services",
        "allied_health",
        ("frailty", "member"),
        ("social-prescribing", "facilitator"),
    ),
    _member(
        "Ewan Castleford",
        "Population health analyst",
        "Fellmark and Ravensby ICS",
        "commissioner",
        ("fellmark", "external"),
        ("social-prescribing", "member"),
    ),
    _member(
        "Patience Holroyd",
        "Advanced nurse practitioner",
        "Orchard House Practice",
        "nurse",
        ("medlow", "steering"),
        ("frailty", "member"),
    ),
)

PEOPLE = ROLE_PEOPLE + MEMBERS

# The demo member asks to join the restricted network; the demo lead decides.
JOIN_REQUEST = {
    "email": _email("member"),
    "network": "social-prescribing",
    "message": "I run our practice's wellbeing clinics and would like to learn from other link workers.",
}


@dataclass(frozen=True)
class DemoInvitation:
    network: str
    email: str
    role: str
    invited_by: str
    token: str = DEMO_INVITATION_TOKEN
    days_valid: int = 30


# Sent by the lead of a private network to a colleague who has no account yet.
INVITATION = DemoInvitation(
    network="ravensby",
    email=_email("new.colleague"),
    role="member",
    invited_by=_email("lead"),
)
