"""The toy's screens: how many toys the room has named."""

import ipywidgets as w


class ToyPhone:
    def __init__(self, page):
        self.page = page
        self.root = w.HTML()

    def refresh(self, topics=frozenset()):
        self.root.value = f"toy-phone {len(self.page.workshop.toy.names())}"


class ToyBoard(ToyPhone):
    def refresh(self, topics=frozenset()):
        self.root.value = f"toy-board {len(self.page.workshop.toy.names())}"


class ToyPanel(ToyPhone):
    def refresh(self, topics=frozenset()):
        self.root.value = f"toy-panel {len(self.page.need().toy.names())}"
