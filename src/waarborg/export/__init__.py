"""Exports of the register: the Art. 30 register of processing activities (xlsx, csv, json)."""

from .art30 import EXPORT_FORMATS, Art30Export, ExportFormat, build_art30, export_register

__all__ = ["EXPORT_FORMATS", "Art30Export", "ExportFormat", "build_art30", "export_register"]
