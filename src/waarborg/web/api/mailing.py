"""The mailing filter over the API: upload a CSV, get back the rows that may be mailed (and the
counts per reason), or only the counts. The same library call as `waarborg mailing filter` and
the office's upload; the list is read as a stream and never logged.
"""

from __future__ import annotations

import io
import json
import os
import tempfile

from fastapi import APIRouter, File, Form, Request, UploadFile
from pydantic import BaseModel
from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response

from waarborg.consent.filter import FilterError, filter_mailing
from waarborg.consent.mailing_types import UnknownMailingType

from .auth import route
from .common import office
from .errors import bad_input

router = APIRouter(prefix="/mailing", tags=["consent"])
PERMISSION = "mailing.filter"
LIST = File(..., alias="list", description="The mailing list: CSV with a header row and one e-mail column.")
TYPE = Form("", alias="type", description="The mailing type the list is for (checks its consents and unsubscribes).")
COLUMN = Form("", description="The address column, when the header has more than one e-mail column.")


class FilterCounts(BaseModel):
    """Rows read and kept, and how many were removed for which reason (never which addresses)."""

    mailing_type: str | None
    read: int
    kept: int
    removed: dict[str, int]


def _filter(request: Request, upload: UploadFile, type_key: str, column: str) -> tuple[str, FilterCounts]:
    """Filter into a temporary file; its path and the counts. Nothing is kept on a refusal."""
    state = office(request)
    handle, path = tempfile.mkstemp(prefix="waarborg-filter-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as target, state.workspace.store.session() as s:
            source = io.TextIOWrapper(upload.file, encoding="utf-8-sig", newline="")
            report = filter_mailing(s, state.workspace.erasure_key(), state.workspace.register, source, target,
                                    type_key or None, column or None)
    except UnknownMailingType as exc:
        os.unlink(path)
        raise bad_input(str(exc), "type") from None
    except (FilterError, UnicodeDecodeError) as exc:
        os.unlink(path)
        raise bad_input(f"list: {exc}" if isinstance(exc, FilterError) else "list: the file is not UTF-8 text",
                        "list") from None
    return path, FilterCounts(**report.as_dict())


@route(router, "POST", "/filter", PERMISSION, personal_data=True, response_class=FileResponse,
       summary="Filter a mailing list: the rows that may be mailed, as CSV",
       responses={200: {"content": {"text/csv": {}}, "description": "The kept rows; the counts per reason in "
                        "the X-Waarborg-Filter header (JSON)."}})
def filter_list(request: Request, list_file: UploadFile = LIST, type_key: str = TYPE, column: str = COLUMN) -> Response:
    path, counts = _filter(request, list_file, type_key, column)
    return FileResponse(path, media_type="text/csv", filename="mailing-filtered.csv",
                        headers={"X-Waarborg-Filter": json.dumps(counts.model_dump(), sort_keys=True)},
                        background=BackgroundTask(os.unlink, path))


@route(router, "POST", "/filter/counts", PERMISSION, personal_data=True, response_model=FilterCounts,
       summary="Filter a mailing list and answer only the counts per reason")
def filter_counts(request: Request, list_file: UploadFile = LIST, type_key: str = TYPE,
                  column: str = COLUMN) -> FilterCounts:
    path, counts = _filter(request, list_file, type_key, column)
    os.unlink(path)
    return counts
