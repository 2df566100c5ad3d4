"""Data-subject requests: lifecycle, and fulfilment of access, erasure, rectification,
restriction, objection and portability against the bound databases (Art. 12, 15-21)."""
