"""Retention enforcement: the lawful-keep decision, sweeps, and replay of erasures after a restore."""

# Rows per batch when none is given: each batch costs a commit in the organisation's database and
# one in the store, and holds at most this many identity hashes (about 12 MB) in memory. Kept here,
# away from SQLAlchemy, so the CLI can show it in --help without importing the sweep.
DEFAULT_BATCH_SIZE = 50_000
