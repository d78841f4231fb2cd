"""Danish vocabulary of the integration field, one list per area (`kit.model.Category`).

Word beginnings, matched against the start of every word and against the parts of compound
words ("sprog" finds "sprogcafé" and "danskundervisningssprog"). It is a prior for grouping
ideas, not a classifier: an idea that hits no list is grouped by its own words alone.
Extend a list by adding stems in lower case; keep them specific to one area.
"""

from __future__ import annotations

LEXICON: dict[str, tuple[str, ...]] = {
    "bolig": ("bolig", "lejlighed", "lejer", "husleje", "indflyt", "flytte", "møbel", "møbl",
              "husorden", "affald", "boligsocial", "boligforening", "værelse", "hus", "nøgle",
              "køkken", "varme", "depositum", "udlejer", "boligområde", "kollegi"),
    "sprog": ("sprog", "dansk", "tolk", "oversæt", "samtalegruppe", "læse", "skrive", "ord",
              "udtale", "sprogven", "sprogcafé", "sprogskole", "modersmål", "forstå", "breve",
              "undervisning"),
    "arbejde": ("job", "arbejd", "praktik", "ansæt", "virksomhed", "erhverv", "mentor", "cv",
                "uddannelse", "kompetence", "anerkend", "lønn", "løn", "beskæftig", "jobcenter",
                "kursus", "kurser", "ledig", "fagforening", "arbejdsgiver", "erhvervsskole",
                "skolestart", "efteruddannelse", "stilling"),
    "sundhed": ("sundhed", "læge", "helbred", "tandlæge", "psyk", "traume", "syg", "hospital",
                "medicin", "trivsel", "sundhedspleje", "behandl", "genoptræn", "handicap",
                "pleje", "stress", "sygehus"),
    "familie": ("børn", "barn", "forældre", "familie", "skole", "daginstitution", "vuggestue",
                "børnehave", "lektie", "unge", "ung", "fritidsjob", "klub", "sfo", "elev",
                "modtageklasse", "mor", "far", "søskende", "ferie", "intra", "folkeskole"),
    "netværk": ("netværk", "fritid", "sport", "idræt", "forening", "fællesspis", "ensom",
                "venskab", "ven", "besøgsven", "svøm", "fodbold", "cykel", "cykl", "kultur",
                "musik", "fest", "frivillig", "fællesskab", "spis", "kvindegruppe", "bibliotek",
                "aktivitet"),
    "praktisk": ("mitid", "e-boks", "eboks", "nemkonto", "cpr", "digital", "borgerservice",
                 "myndighed", "transport", "bus", "kørekort", "blanket", "ansøg", "regler",
                 "post", "telefon", "internet", "computer", "it", "ansøgning", "kollektiv"),
    "økonomi": ("økonomi", "budget", "regning", "bank", "penge", "gæld", "ydelse", "kontanthjælp",
                "integrationsydelse", "skat", "betal", "pris", "tilskud", "dyr", "billig",
                "låne", "lån"),
    "koordinering": ("koordin", "overblik", "kalender", "information", "informer", "kontakt",
                     "nyhedsbrev", "netværksmøde", "samarbejd", "tovholder", "tilbud", "forum",
                     "møde", "aftale", "kommunikation", "hjemmeside", "facebook", "oversigt",
                     "vidensdel", "partnerskab"),
}
