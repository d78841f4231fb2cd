"""The friend programme's national view in the console (widgets, no browser): the table's
counts are the store's `gap()`, the map has a mark per municipality, the campaign sentence is
there, no volunteer's or household's name or contact reaches the HTML, and choosing one
organisation counts only its volunteers and their friendships."""

from __future__ import annotations

import datetime as dt
import re

from test_friends_console import opened
from test_friends_store import household, volunteer

from kit.i18n import t

NAMES = ("Karen Holm", "Ib Berg", "Sara Nour", "Zainab +45 70", "Olena +45 71",
         "karen@example.dk")


def programme(friends):
    """Aarhus: two waiting for Arabic, one friendship active with a Røde Kors volunteer;
    Odense: one waiting for Ukrainian, a Dansk Flygtningehjælp volunteer with two places."""
    karen = volunteer(friends, name="Karen Holm")
    household(friends, contact="Zainab +45 70", waiting_since="2026-10-01")
    [pair] = friends.propose()
    friends.accept(pair.id)
    friends.set_status(pair.id, "active")
    household(friends, contact="Aisha +45 72", waiting_since="2026-11-01")
    household(friends, contact="Nour +45 73", waiting_since="2026-11-15")
    volunteer(friends, name="Ib Berg", organisation="Dansk Flygtningehjælp",
              municipality="Odense", postcode="5000", languages=["uk"], capacity=2)
    volunteer(friends, name="Sara Nour", organisation="Dansk Flygtningehjælp",
              languages=["ar"], capacity=1)
    household(friends, contact="Olena +45 71", municipality="Odense", postcode="5000",
              languages=["uk"], waiting_since="2026-09-01")
    household(friends, contact="Petro +45 74", municipality="Odense", postcode="5000",
              languages=["ti"], waiting_since="2026-09-02")
    return karen


def table_rows(html):
    """{municipality: [cells]} of the gap table's body, as the reader sees them."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    out = {}
    for row in body.split("</tr>")[:-1]:
        place = re.search(r"<bdi>(.*?)</bdi>", row).group(1)
        out[place] = [int(x.replace(".", "")) for x in re.findall(r"<td>([^<]*)</td>", row)]
    return out


def opened_view(store):
    app, friends, w = opened(store)
    programme(friends)
    app.friends_fold.toggle.value = True
    view = app.friends.national
    assert t("friends.national.title", "da") in view.fold.toggle.description
    assert view.table.value == ""   # folded: nothing computed
    view.fold.toggle.value = True
    return app, friends, view


def test_the_table_is_the_stores_gap_and_shows_no_names(store):
    app, friends, view = opened_view(store)
    gap = friends.gap(dt.date.today()).set_index("municipality")
    rows = table_rows(view.table.value)
    assert set(rows) == {"Aarhus", "Odense"}
    for place, cells in rows.items():
        g = gap.loc[place]
        assert cells == [int(g["waiting"]), int(g["places"]), int(g["active"]),
                         int(g["unmatched"]), int(g["longest_wait_days"])], place
    assert rows["Aarhus"][:4] == [2, 1, 1, 1] and rows["Odense"][:4] == [2, 2, 0, 1]
    # one mark per municipality on the map, sized by the gap
    assert view.map.value.count("<circle") == 98
    assert 'data-municipality="Odense" data-gap="1"' in view.map.value
    # the campaign: one more speaking Arabic in Aarhus, one speaking Tigrinya in Odense
    text = view.campaign.value
    assert "2" in text and "arabisk" in text and "tigrinya" in text.lower()
    shown = view.table.value + view.map.value + view.campaign.value + view.privacy.value
    for name in NAMES + ("Aisha", "Petro", "Nour +45"):
        assert name not in shown, name


def test_the_organisation_filter_counts_its_own_volunteers_only(store):
    app, friends, view = opened_view(store)
    labels = [label for label, _ in view.organisation.options]
    assert labels == [t("friends.national.all", "da"), "Dansk Flygtningehjælp", "Røde Kors"]
    both = table_rows(view.table.value)
    view.organisation.value = "Røde Kors"
    red = table_rows(view.table.value)
    # Røde Kors: Karen's place is taken, her friendship is active; Odense has no one
    assert red["Aarhus"][:3] == [2, 0, 1] and red["Odense"][:3] == [2, 0, 0]
    view.organisation.value = "Dansk Flygtningehjælp"
    dfh = table_rows(view.table.value)
    assert dfh["Aarhus"][:3] == [2, 1, 0] and dfh["Odense"][:3] == [2, 2, 0]
    assert red != both != dfh
    # the choice outlives a redraw of the panel, and English is English
    app.set_language("en")
    assert view.organisation.value == "Dansk Flygtningehjælp"
    assert t("friends.gap.waiting", "en") in view.table.value
    assert "Arabic" in view.campaign.value or "Tigrinya" in view.campaign.value
