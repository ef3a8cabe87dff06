"""The PCN Maturity Matrix: 5 domains from Foundation to Step 3, each cell described for the network and the system."""

from __future__ import annotations

from wayfinder.frameworks.builtin.shapes import FrameworkData

FRAMEWORK: FrameworkData = {
    "slug": "pcn-maturity-matrix",
    "name": "PCN Maturity Matrix",
    "kind": "matrix",
    "summary": (
        "How a primary care network grows over several years, in five domains from Foundation to Step 3. "
        "Each step says what the network does and what its system does to support it. Use it in a shared "
        "conversation between the network, its partners and the system to agree a development plan and the "
        "support the network needs."
    ),
    "version": {
        "introduction": (
            "Each domain has four steps, from Foundation to Step 3. Every step is described twice: what it looks "
            "like for the network and what the system does to support it. Choose the step that best matches where "
            "your network is now. Treat it as a starting point for a conversation with your partners and your "
            "system, not as a test: networks start from different places and build on what they already do."
        ),
        "external_introduction": (
            "You have been asked for a view from outside the network, as one of its partners or from its system. "
            "Each domain has four steps, from Foundation to Step 3, and every step is described for the network "
            "and for the system. Choose the step that best matches what you have seen of the network in your "
            "work with it. If you have seen too little of something to judge, choose the step your experience "
            "supports and say so in your evidence. Your view sits beside the network's own and starts a "
            "conversation: it is not a test."
        ),
        "perspectives": ["network", "system"],
        "levels": [
            {"name": "Foundation", "summary": "The basics are in place"},
            {"name": "Step 1", "summary": "Working together"},
            {"name": "Step 2", "summary": "Growing in scope"},
            {"name": "Step 3", "summary": "Fully integrated"},
        ],
        "dimensions": [
            {
                "key": "leadership-planning-and-partnerships",
                "name": "Leadership, planning and partnerships",
                "summary": "How the network is led, how it plans, and how it works with partners and the system.",
                "descriptors": {
                    "Foundation": {
                        "network": (
                            "Member practices have agreed how they will work together and who leads the network. "
                            "The clinical director has started to build relationships with community services, "
                            "the voluntary sector and the local authority."
                        ),
                        "system": (
                            "The system has a named lead for network development. It has set aside people and "
                            "money to help networks develop and to support clinical directors in their new roles."
                        ),
                    },
                    "Step 1": {
                        "network": (
                            "Practices and partners have agreed a shared development plan that fits local health "
                            "priorities. The network has governance that lets its partners take part in decisions."
                        ),
                        "system": (
                            "Governance gives networks a voice in the system's strategic decisions, and there is a "
                            "clear, funded model of support for network development."
                        ),
                    },
                    "Step 2": {
                        "network": (
                            "The network has agreed with its partners how it makes strategic and day-to-day decisions "
                            "about services in its area. The clinical director works with system leaders and shares "
                            "learning with other networks."
                        ),
                        "system": (
                            "Primary care takes an active part in the system's strategic and operational decisions, "
                            "and every network is fairly represented at system level."
                        ),
                    },
                    "Step 3": {
                        "network": (
                            "Network leaders take a full part in the decisions of the system's leadership team and "
                            "help shape its plans."
                        ),
                        "system": (
                            "Primary care is a full partner in every strategic and operational decision the system "
                            "makes, and experienced network leaders help other networks develop."
                        ),
                    },
                },
            },
            {
                "key": "use-of-data-and-population-health-management",
                "name": "Use of data and population health management",
                "summary": "How the network uses data to understand its population and act early.",
                "descriptors": {
                    "Foundation": {
                        "network": (
                            "The network is working out how it will use data to understand the needs of its "
                            "population, and what information and analysis it will need."
                        ),
                        "system": (
                            "The system is building what networks need to use data well: access to data, "
                            "information governance and help with analysis."
                        ),
                    },
                    "Step 1": {
                        "network": (
                            "Information on differences in outcomes and use of resources between practices is "
                            "shared across the network. Simple population segments help the network understand the "
                            "needs of key groups."
                        ),
                        "system": (
                            "Basic agreements for sharing data and governing information are in place. The system "
                            "helps networks analyse variation and uses the same population definitions across "
                            "datasets."
                        ),
                    },
                    "Step 2": {
                        "network": (
                            "Practices share information across the network and use it to plan population health "
                            "work and shared services. Clinical systems work together well enough for staff to see "
                            "the records they need."
                        ),
                        "system": (
                            "Networks receive timely patient and population health data, which they use to plan "
                            "shared services and their work with the rest of the system."
                        ),
                    },
                    "Step 3": {
                        "network": (
                            "Population health management is part of everyday work. The network uses up-to-date "
                            "data to manage joined-up care for every group in its population."
                        ),
                        "system": (
                            "Records and systems work together fully across partners, including shared care records, "
                            "so information follows people wherever they are cared for."
                        ),
                    },
                },
            },
            {
                "key": "integrating-care",
                "name": "Integrating care",
                "summary": "How the network and its partners join up care around people and neighbourhoods.",
                "descriptors": {
                    "Foundation": {
                        "network": (
                            "Practices have started to share some staff or services across the network. Talks with "
                            "community and mental health services about working together have begun."
                        ),
                        "system": (
                            "The system has helped networks and community providers work out which services could "
                            "be organised around network areas."
                        ),
                    },
                    "Step 1": {
                        "network": (
                            "Multi-disciplinary teams, including community nurses and other professionals, are "
                            "forming around the network's population. They meet to plan care for people with "
                            "complex needs."
                        ),
                        "system": (
                            "Community services are being organised around network areas, and providers have agreed "
                            "how their staff will work with each network."
                        ),
                    },
                    "Step 2": {
                        "network": (
                            "Teams from primary care, community services, mental health and social care work "
                            "together every day, with shared plans for people at risk of needing hospital care."
                        ),
                        "system": (
                            "Providers have agreed how joined-up teams are run and supported, and specialist advice "
                            "is easy for network teams to get."
                        ),
                    },
                    "Step 3": {
                        "network": (
                            "The network and its partners provide joined-up physical health, mental health and "
                            "social care, with hospital specialists working in the community where that suits "
                            "people best."
                        ),
                        "system": (
                            "The system plans and funds services around networks, and moves resources into the "
                            "community as networks show they can provide care closer to home."
                        ),
                    },
                },
            },
            {
                "key": "managing-resources",
                "name": "Managing resources",
                "summary": "How the network uses its money, staff, buildings and digital tools.",
                "descriptors": {
                    "Foundation": {
                        "network": (
                            "The network understands its budget and the funding it can claim for additional roles, "
                            "and has started to plan how to use them."
                        ),
                        "system": (
                            "The system explains network funding clearly and helps networks recruit to additional "
                            "roles."
                        ),
                    },
                    "Step 1": {
                        "network": (
                            "The network is recruiting to additional roles and has a workforce plan. It has started "
                            "to look at shared buildings and digital tools with its partners."
                        ),
                        "system": (
                            "The system helps networks with recruitment, employment and payroll, and includes them "
                            "in planning for buildings and digital services."
                        ),
                    },
                    "Step 2": {
                        "network": (
                            "The network uses all of its funding for additional roles and deploys staff across "
                            "practices according to need. It shares back-office work where that saves time or money."
                        ),
                        "system": (
                            "The system's workforce, estate and digital plans are built around networks, and "
                            "networks have a say in how local resources are used."
                        ),
                    },
                    "Step 3": {
                        "network": (
                            "The network manages a shared budget with its partners and uses evidence about its "
                            "population to decide where staff and money go."
                        ),
                        "system": (
                            "The system hands budgets to networks where that makes sense, and networks help decide "
                            "how resources across the wider system are spent."
                        ),
                    },
                },
            },
            {
                "key": "working-with-people-and-communities",
                "name": "Working with people and communities",
                "summary": "How the network involves local people and builds on the strengths of its communities.",
                "descriptors": {
                    "Foundation": {
                        "network": (
                            "The network knows its local communities and the voluntary and community groups that "
                            "serve them, and has started talking with them."
                        ),
                        "system": (
                            "The system shares what it knows about local communities and introduces networks to the "
                            "local authority and the voluntary sector."
                        ),
                    },
                    "Step 1": {
                        "network": (
                            "The network involves patients and local people in setting its priorities. Social "
                            "prescribing link workers connect people with support in their community."
                        ),
                        "system": (
                            "The system helps networks reach and involve local people, and supports voluntary and "
                            "community groups to work with networks."
                        ),
                    },
                    "Step 2": {
                        "network": (
                            "Local people and community groups help design and review services. The network builds "
                            "on the strengths that already exist in its communities."
                        ),
                        "system": (
                            "The system invests in community assets and makes sure networks and local people help "
                            "shape plans for their place."
                        ),
                    },
                    "Step 3": {
                        "network": (
                            "The network and its communities share decisions and work as partners to improve health, "
                            "reduce inequalities and help people look after themselves."
                        ),
                        "system": (
                            "The system treats people and communities as equal partners in planning, and supports "
                            "community-led approaches in every network."
                        ),
                    },
                },
            },
        ],
    },
}
