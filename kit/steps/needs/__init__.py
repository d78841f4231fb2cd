"""The refugees' own needs: a short anonymous check by area, in the workshop or from a
standalone link, set against the timeline's offers and compared over time."""
