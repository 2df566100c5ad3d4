"""The web office (staff) and the public centre: FastAPI, server-rendered Jinja2 pages.

A thin shell: a route parses the request, the frame (`waarborg.web.frame`) checks the session,
the permission and the CSRF token, the route calls one library function and renders. Build the app
with `waarborg.web.app.create_app`; nothing happens at import time.
"""
