"""Figures and documents for reports (matplotlib, openpyxl); imported only where needed."""

from .timeline import timeline_figure

__all__ = ["timeline_figure"]
