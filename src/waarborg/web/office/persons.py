"""Find a person: their data across the bound databases, grouped by table, with the fields the
role may not see hidden (the register's `office.field_visibility`). The identity is posted, never
put in the address (addresses end up in server logs); every lookup is audited."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import JSONResponse, Response

from waarborg.office.people import LookupError_, identity_kinds, look_up_person

from ..frame import Page, current_user
from ..render import page, render, wants_json


async def form(request: Request) -> Response:
    office = request.app.state.office
    kinds = office.cached("identity_kinds", lambda: identity_kinds(office.workspace))
    return render(request, "office/persons.html", {"kinds": kinds, "person": None, "kind": kinds[0], "value": ""})


async def lookup(request: Request) -> Response:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    submitted = await request.form()
    kind, value = str(submitted.get("kind", "")), str(submitted.get("value", "")).strip()
    kinds = office.cached("identity_kinds", lambda: identity_kinds(office.workspace))
    if not value:
        return _bad(request, kinds, kind, "Enter a value to search for.")
    try:
        person = look_up_person(office.workspace, user.actor, user.role, kind, value)
    except LookupError_:
        return _bad(request, kinds, kind, "Choose one of the listed kinds of identity.")
    return page(request, "office/persons.html", {"kinds": kinds, "person": person, "kind": kind, "value": value},
                person.as_json())


def _bad(request: Request, kinds: list[str], kind: str, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=400)
    return render(request, "office/persons.html",
                  {"kinds": kinds, "person": None, "kind": kind, "value": "", "error": message}, status=400)


ROUTES = [
    Page("/office/persons", form, "persons.view", name="persons"),
    Page("/office/persons", lookup, "persons.view", methods=("POST",), personal_data=True, name="person_lookup"),
    Page("/office/persons.json", lookup, "persons.view", methods=("POST",), personal_data=True,
         name="person_lookup_json"),
]
