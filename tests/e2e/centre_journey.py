"""The data subject's side of a request in the browser, for journeys to build on: ask in the
public centre, take the links from the receipt mail in the outbox, confirm, open the status page.

    page = ask_in_centre(page, base, "access", email)        # the form, sent
    verify, status = receipt_links(workspace, email)          # from the outbox
    confirm_request(page, verify); open_status(page, status)  # the request reaches the office
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from waarborg.office.models import OutboxMessage

VERIFY_LINK = re.compile(r"https?://\S+/centre/requests/verify/[\w-]+")
STATUS_LINK = re.compile(r"https?://\S+/centre/requests/status/[\w-]+")


def ask_in_centre(page: Any, base: str, kind: str, email: str, **identities: str) -> Any:
    """From the landing page to the form of `kind`, filled in and sent; the page shows the answer."""
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.click("a[href='/centre/requests']")
    with page.expect_navigation():
        page.click(f"a[href='/centre/requests/{kind}']")
    page.fill("input[name=identity_email]", email)
    for name, value in identities.items():
        page.fill(f"input[name=identity_{name}]", value)
    page.click(f"form[action='/centre/requests/{kind}'] button")
    return page


def receipt_links(workspace: Any, email: str) -> tuple[str, str]:
    """(verification link, status link) from the newest receipt mail to `email` in the outbox."""
    with workspace.store.session() as session:
        body = session.execute(select(OutboxMessage.body).where(OutboxMessage.recipient == email)
                               .order_by(OutboxMessage.id.desc())).scalars().first()
    verify, status = VERIFY_LINK.search(body or ""), STATUS_LINK.search(body or "")
    assert verify and status, "no receipt mail with both links in the outbox"
    return verify.group(0), status.group(0)


def confirm_request(page: Any, verify_link: str) -> Any:
    """Open the verification link and press its button (the GET alone changes nothing)."""
    page.goto(verify_link)
    with page.expect_navigation():  # read the answer page, not the one it replaces
        page.click("form[action^='/centre/requests/verify/'] button")
    return page


def open_status(page: Any, status_link: str) -> Any:
    page.goto(status_link)
    return page


def find_on_queue(page: Any, base: str, email: str) -> Any:
    """A signed-in handler searches the queue by the requester's e-mail; the result rows."""
    page.goto(f"{base}/office/requests")
    page.select_option("select[name=identity_kind]", "email")
    page.fill("input[name=identity_value]", email)
    with page.expect_navigation():  # read the answer page, not the one it replaces
        page.click("form[method=post][action='/office/requests'] button[type=submit]")
    return page.locator("tbody tr")
