"""The public download of an access or portability package, through the link in the mail.

A GET only shows a button: mail scanners open links, and a single-use link opened by a scanner
would be spent before the person clicks. The POST (with the visitor's CSRF token) hands out the
zip and uses the link up. Every refused token gets the same page and status, so the page tells a
guesser nothing.
"""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from waarborg.office import roles
from waarborg.requests.delivery import DownloadRefused, open_download

from ..frame import Page
from ..render import render


async def download_page(request: Request) -> Response:
    return render(request, "centre/download.html", {"token": request.path_params["token"]})


async def download_post(request: Request) -> Response:
    office = request.app.state.office
    try:
        filename, content = open_download(office.workspace, request.path_params["token"], office.clock.now())
    except DownloadRefused:
        return render(request, "centre/download_refused.html", {}, status=404)
    return Response(content, media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


ROUTES = [
    Page("/centre/download/{token}", download_page, roles.PUBLIC, name="download"),
    # Limited like the API's download, so guessing links from one address is slow across all processes.
    Page("/centre/download/{token}", download_post, roles.PUBLIC, methods=("POST",), name="download_post",
         limit="requests.download"),
]
