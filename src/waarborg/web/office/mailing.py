"""Filter a mailing list in the office: upload a CSV, download the rows that may be mailed.

The same library call as `waarborg mailing filter`: the upload is read as a stream (Starlette
spools large uploads to disk), the kept rows go to a temporary file that is sent back and removed.
The counts per reason travel in the `X-Waarborg-Filter` header; the `.json` twin returns only
them. No address is shown on a page or written to a log.
"""

from __future__ import annotations

import io
import json
import os
import tempfile

from fastapi import Request
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile
from starlette.responses import FileResponse, JSONResponse, Response

from waarborg.consent.filter import FilterError, filter_mailing
from waarborg.consent.mailing_types import UnknownMailingType

from ..frame import Page
from ..render import render, wants_json


def _(message: str) -> str:
    return message


async def filter_upload(request: Request) -> Response:
    office = request.app.state.office
    submitted = await request.form()
    upload, type_key = submitted.get("list"), str(submitted.get("type", "")) or None
    if not isinstance(upload, UploadFile):
        return _refuse(request, _("Choose a CSV file."))
    handle, path = tempfile.mkstemp(prefix="waarborg-filter-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as target, office.workspace.store.session() as s:
            source = io.TextIOWrapper(upload.file, encoding="utf-8-sig", newline="")
            report = filter_mailing(s, office.workspace.erasure_key(), office.workspace.register, source, target,
                                    type_key)
    except (FilterError, UnknownMailingType, UnicodeDecodeError):
        os.unlink(path)
        return _refuse(request, _("The file cannot be filtered: it needs a header row with one e-mail column."))
    counts = report.as_dict()
    if wants_json(request):
        os.unlink(path)
        return JSONResponse(counts)
    return FileResponse(path, media_type="text/csv", filename="mailing-filtered.csv",
                        headers={"X-Waarborg-Filter": json.dumps(counts, sort_keys=True)},
                        background=BackgroundTask(os.unlink, path))


def _refuse(request: Request, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=400)
    return render(request, "office/consent.html", {"overview": None, "proof": None, "error": message, "types": []},
                  status=400)


ROUTES = [
    Page("/office/mailing/filter", filter_upload, "mailing.filter", methods=("POST",), personal_data=True,
         name="mailing_filter"),
    Page("/office/mailing/filter.json", filter_upload, "mailing.filter", methods=("POST",), personal_data=True,
         name="mailing_filter_json"),
]
