"""Pages load with nothing refused by the content security policy and no errors in the browser's console.

The NHS.UK stylesheet loads the Frutiger font from NHS England's server, https://assets.nhs.uk. The tests run
without the internet, so that server is stood in for: each font request is answered as if the connection were
down. A request the policy refuses never reaches the network, so a font request that arrives here shows the
policy let it through; and a refusal shows as a `securitypolicyviolation` event in the page (recorded by a script
the browser runs before the page's own, which the policy does not govern) and as a console error. The only console
errors allowed are those of the stood-in font requests failing, which on a connected machine would be fonts.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from tests.e2e.conftest import assert_accessible
from tests.factories import PASSWORD
from tests.signing_in import sign_in_browser

pytestmark = pytest.mark.django_db(transaction=True)

FONT_SERVER = "https://assets.nhs.uk"
OFFLINE = "internetdisconnected"  # the error the stood-in server answers with: net::ERR_INTERNET_DISCONNECTED

RECORD_VIOLATIONS = """
window.wayfinderPolicyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.wayfinderPolicyViolations.push(`${event.effectiveDirective} refused ${event.blockedURI}`);
});
"""


class Console:
    """What one browser tab logged and asked for."""

    def __init__(self, context: Any) -> None:
        self.errors: list[str] = []
        self.font_requests: list[str] = []
        context.add_init_script(RECORD_VIOLATIONS)
        context.route(f"{FONT_SERVER}/**", self.offline)

    def offline(self, route: Any) -> None:
        self.font_requests.append(route.request.url)
        route.abort(OFFLINE)

    def listen(self, page: Any) -> None:
        page.on("console", self.note)

    def note(self, message: Any) -> None:
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if source.startswith(f"{FONT_SERVER}/fonts/") and "net::ERR_INTERNET_DISCONNECTED" in message.text:
            return  # a font the policy allowed, failing only because this machine is offline
        self.errors.append(f"{message.text} ({source})")


def check(page: Any, console: Console) -> None:
    # Wait until every font the page uses has loaded or failed, so a refusal cannot arrive after the checks.
    page.evaluate("async () => { await document.fonts.ready; }")
    violations = page.evaluate("() => window.wayfinderPolicyViolations")
    assert violations == [], f"the content security policy refused something on {page.url}: {violations}"
    assert console.errors == [], f"console errors on {page.url}: {console.errors}"
    assert_accessible(page)


def test_pages_load_the_nhs_fonts_with_nothing_refused_and_no_console_errors(
    live_server: Any, new_context: Any, world: SimpleNamespace
) -> None:
    base = live_server.url
    context = new_context()
    console = Console(context)
    page = context.new_page()
    console.listen(page)

    page.goto(base + "/")
    check(page, console)
    # The policy let the page ask NHS England's server for the fonts: regular and bold.
    assert console.font_requests, "no font was requested from assets.nhs.uk"
    assert {url.rsplit("/", 1)[1].split(".")[0] for url in console.font_requests} <= {
        "FrutigerLTW01-55Roman",
        "FrutigerLTW01-65Bold",
    }

    page.goto(base + "/accounts/login/")
    check(page, console)

    sign_in_browser(page, base, world.lead.email, PASSWORD)
    check(page, console)
    page.goto(base + "/networks/qi-circle/")
    check(page, console)
    page.goto(base + "/networks/qi-circle/members/")
    check(page, console)
