"""Figures and documents for reports (matplotlib, openpyxl, python-docx), imported
only where they are needed."""

from kit.steps.groups.report import (
           group_document,
           groups_frames,
           groups_workbook,
           write_group_documents,
)
from kit.steps.timeline.report import timeline_figure

__all__ = ["group_document", "groups_frames", "groups_workbook", "timeline_figure",
           "write_group_documents"]
