"""The console's partnership line as markup (issue 27, `kit.ui.partnership_strip`): names
escaped, the overview by the public code, the other workshops by date with their state, the
rest counted, an archived partnership's pages said to be off, in the console's language."""

from __future__ import annotations

from kit.core.model import PartnershipState, PartnershipStatus, Status, WorkshopState
from kit.ui.partnership_strip import strip_html

URL = "http://192.0.2.10:8866/"


def _workshop(n: int, status: Status = Status.CLOSED) -> WorkshopState:
    return WorkshopState(id=f"w{n}", code=f"CODE{n:02d}", title=f"Møde <{n}>",
                         municipality="Aarhus", date=f"20{20 + n}-03-01", language="da",
                         phase="prepare", status=status, revision=0, partnership_id="s1")


PARTNERSHIP = PartnershipState(id="s1", name="Sammen <script>", municipality="Aarhus",
                               public_code="BKYPUBAKK26X")


def test_the_line_names_the_partnership_links_its_overview_and_lists_the_others():
    workshops = [_workshop(n) for n in range(1, 6)] + [_workshop(6, Status.OPEN)]
    html = strip_html(PARTNERSHIP, workshops, "w6", URL, "da")
    assert "<script>" not in html and "Sammen &lt;script&gt;" in html
    assert f'href="{URL}overview/BKYPUBAKK26X"' in html and "BKYP-UBAK-K26X" in html
    assert "CODE" not in html  # no join code
    # this workshop is the title line above; the latest two others, the rest counted
    assert "Møde &lt;6&gt;" not in html
    assert html.index("01.03.2024") < html.index("01.03.2025") and "afsluttet" in html
    assert "+3 flere" in html and 'title="01.03.2021 Møde &lt;1&gt;;' in html
    english = strip_html(PARTNERSHIP, workshops, "w2", URL, "en")
    assert "Partnership" in english and "+3 more" in english and "closed" in english
    assert "Møde &lt;2&gt;" not in english.split('title="')[0]


def test_an_archived_partnership_says_its_pages_are_off_and_a_first_workshop_says_so():
    archived = PartnershipState(id="s1", name="Sammen", municipality="Aarhus",
                                public_code="BKYPUBAKK26X", status=PartnershipStatus.ARCHIVED)
    html = strip_html(archived, [_workshop(1, Status.OPEN)], "w1", URL, "da")
    assert "overview/" not in html and "arkiveret" in html
    assert "samarbejdets første workshop" in html
