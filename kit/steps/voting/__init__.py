"""Prioritising: dot voting on the themes, opened, closed and revealed by the facilitator, with
totals per theme and per sector (never a named person's dots)."""
