"""Tables as rows of typed cells with spans, whatever format they came from.

Readers for text layouts live beside this module; binary formats (docx, xlsx,
pdf) fill ``Document.tables`` directly when they are ingested.
"""
from .model import Cell, Row, Table

__all__ = ["Cell", "Row", "Table"]
