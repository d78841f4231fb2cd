"""Ground rules: who does which task (volunteers, a professional, together, or not the
municipality) and the house rules of the collaboration."""
