"""Waarborg: one register of processing as code, and a privacy statement that is true in practice."""

__version__ = "0.1.0"
