"""The public side: a landing page and the published statement (the request centre comes later)."""
