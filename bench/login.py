"""Sign in the people `make bench` browses as, and choose the pages it loads; prints JSON for bench/run.py.

Run as `python -m bench.login` with the same settings and SECRET_KEY as the server under test: the session
cookies it prints are only valid for that key. The national team must have two-factor authentication set up
to see anything, so the benchmark's national adviser is given an authenticator record (in the benchmark
database only).
"""

from __future__ import annotations

import json
import os
from importlib import import_module
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402

from wayfinder.accounts.models import User  # noqa: E402
from wayfinder.assessments.models import Rating, Round  # noqa: E402
from wayfinder.community.models import Post, SpaceKind, Thread, Topic  # noqa: E402
from wayfinder.hub.models import ResourcePage  # noqa: E402
from wayfinder.networks.demo.scale import SCALE_DOMAIN, SLUG_PREFIX  # noqa: E402
from wayfinder.networks.models import Appointment, AppointmentRole, Network  # noqa: E402

PROGRESS_TITLE = "Benchmark progress check 1"  # the later round on the PCN Maturity Matrix (seed_bench_assessments)


def session_cookie(user: User) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def appointed(role: str) -> Appointment:
    appointment = (
        Appointment.objects.filter(role=role, user__email__endswith="@" + SCALE_DOMAIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if appointment is None:
        raise SystemExit(f"No generated person holds the role {role!r}: run seed_scale first.")
    return appointment


def main() -> dict[str, Any]:
    system_lead = appointed(AppointmentRole.SYSTEM_LEAD)
    national = appointed(AppointmentRole.NATIONAL_TEAM).user
    Authenticator.objects.get_or_create(
        user=national, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "benchmark-only"}}
    )
    # A PCN in the system lead's system with benchmark rounds; its lead browses the network pages.
    if system_lead.system_id is None:
        raise SystemExit("The bench data has a system lead with no system: build it again with --rebuild")
    pcn = (
        Network.objects.filter(slug__startswith=SLUG_PREFIX, is_pcn=True, system_id=system_lead.system_id)
        .filter(rounds__title=PROGRESS_TITLE)
        .select_related("created_by")
        .order_by("pk")
        .first()
    )
    if pcn is None or pcn.created_by is None:
        raise SystemExit("No generated PCN with benchmark rounds: run seed_bench_assessments first.")
    round_ = Round.objects.get(network=pcn, title=PROGRESS_TITLE)
    lead = pcn.created_by
    # The community's busiest topic and its longest thread in the shared space (seed_scale_community).
    topic = Topic.objects.order_by("pk").first()
    thread = Thread.objects.filter(space__kind=SpaceKind.SHARED).order_by("-reply_count", "pk").first()
    if topic is None or thread is None:
        raise SystemExit("No community threads: run seed_scale_community first.")
    return {
        "cookies": {
            "lead": session_cookie(lead),
            "system": session_cookie(system_lead.user),
            "national": session_cookie(national),
        },
        "people": {"lead": lead.email, "system": system_lead.user.email, "national": national.email},
        "paths": {
            "home": "/",
            "network": f"/networks/{pcn.slug}/",
            "results": f"/rounds/{round_.pk}/results/",
            "system": f"/systems/{system_lead.system_id}/dashboard/",
            "national": "/national/dashboard/",
            "system_support": f"/systems/{system_lead.system_id}/support-and-progress/",
            "national_support": "/national/support-and-progress/",
            "search": "/hub/?q=frailty",
            "search_common": "/hub/?q=care",
            "community_topic": topic.get_absolute_url(),
            "community_thread": thread.get_absolute_url(),
            "community_search": "/community/search/?q=frailty",
        },
        "sizes": {
            "networks": Network.objects.count(),
            "people": User.objects.count(),
            "rounds": Round.objects.count(),
            "ratings": Rating.objects.count(),
            "hub resources": ResourcePage.objects.live().count(),
            "community threads": Thread.objects.count(),
            "community posts": Post.objects.count(),
        },
    }


if __name__ == "__main__":
    print(json.dumps(main()))
