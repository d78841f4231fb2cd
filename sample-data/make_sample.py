"""Writes the fictional sample workshop in `workshop/` (CSV exchange format).

All people and organisations are invented. Run `python sample-data/make_sample.py` after
changing the lists; the output is deterministic.
"""

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pandas as pd  # noqa: E402

from kit.exchange import read, write  # noqa: E402
from kit.groups import assign  # noqa: E402
from kit.model import AGREEMENT, TERMS  # noqa: E402

WORKSHOP = {"id": "w-bakkeby-2026", "title": "Sammen om modtagelsen", "municipality":
            "Bakkeby Kommune", "date": "2026-11-23", "language": "da", "phase": "prepare",
            "code": "BKY4MT", "status": "open", "public_code": "BKYPUBAKK26X",
            "check_answers": json.dumps({"new_solutions": "yes", "across_sectors": "yes",
                                         "equal_dialogue": "yes", "open_to_all": "yes",
                                         "room_to_try": "unsure", "final_responsibility": "no",
                                         "established_activity": "no", "no_mandate": "no"},
                                        sort_keys=True),
            # the vote's first theme did not go on; the reason is left for the facilitator,
            # so the sample's documents show how a missing fact is listed
            "choice_reason": "",
            # what the invitations say of the day (issue 27)
            "purpose": "Vi vil sammen aftale, hvem der gør hvad, når nye borgere flytter til "
                       "Bakkeby – fra første dag til første job – og danne arbejdsgrupper, "
                       "der fortsætter efter workshoppen.",
            "place": "Bakkeby Rådhus, mødesal 2", "hours": "17.00–20.30"}

FORA = [  # id, kind, name, coordinator, members, fields
    ("f1", "koordineringsforum", "Koordineringsforum Bakkeby", "participant:p01",
     ["participant:p01", "participant:p02", "participant:p07", "participant:p10",
      "participant:p11", "participant:p14", "participant:p23"],
     {"purpose": "Styre samarbejdet om modtagelsen på tværs af kommune og civilsamfund.",
      "tasks": "Sætte retning, fordele ressourcer, følge op på arbejdsgrupperne.",
      "mandate": "Beslutter fælles prioriteringer; budgetter besluttes i udvalget.",
      "composition": "Tre fra kommunen, tre fra foreningerne og en flygtning.",
      "meeting_frequency": "Hver 2. måned",
      "duties_kommune": "Indkalder, skriver referat og stiller lokaler til rådighed.",
      "duties_civilsamfund": "Melder nye aktiviteter ind og bringer de frivilliges erfaringer "
                             "med.",
      "contact_kommune": "Mette Lauridsen, Integrationsafdelingen",
      "contact_civilsamfund": "Karen Møller, Røde Kors Bakkeby",
      "response_time": "Svar inden for 5 hverdage",
      "contact_how": "Mail til den faste kontaktperson; telefon ved hastesager.",
      "influence": "Foreningerne har indflydelse på fælles tilbud og frivilliges opgaver, "
                   "ikke på myndighedsafgørelser."}),
    ("f2", "netværksgruppe", "Netværket for nye borgere", "actor:a10",
     ["actor:a01", "actor:a09", "actor:a10", "actor:a12", "actor:a13", "actor:a15",
      "actor:a17", "actor:a19", "actor:a21", "actor:a23", "actor:a25"],
     {"purpose": "Lære hinanden at kende og dele viden om tilbud.",
      "meeting_frequency": "To gange om året"}),
]

PEOPLE = [  # name, sector, organisation, language
    ("Mette Lauridsen", "kommune", "Integrationsafdelingen", "da"),
    ("Søren Kjær", "kommune", "Jobcenter Bakkeby", "da"),
    ("Hanne Bech", "kommune", "Boligsocialt team", "da"),
    ("Jonas Friis", "kommune", "Sundhedsplejen", "da"),
    ("Lise Vestergaard", "kommune", "Børn og Unge", "da"),
    ("Kasper Holm", "kommune", "Borgerservice", "da"),
    ("Birgitte Dam", "kommune", "Sprogcenter Bakkeby", "da"),
    ("Anders Lund", "kommune", "Kultur og Fritid", "da"),
    ("Pia Nørgaard", "kommune", "Familieafdelingen", "da"),
    ("Karen Møller", "civilsamfund", "Røde Kors Bakkeby", "da"),
    ("Ole Thomsen", "civilsamfund", "Dansk Flygtningehjælp Frivillignet", "da"),
    ("Gitte Svendsen", "civilsamfund", "Bakkeby IF", "da"),
    ("Henrik Madsen", "civilsamfund", "Sognegården", "da"),
    ("Ayşe Yıldız", "civilsamfund", "Kvindenetværket", "da"),
    ("Morten Skov", "civilsamfund", "Lokalrådet Nordby", "da"),
    ("Camilla Juhl", "civilsamfund", "Venligboerne Bakkeby", "da"),
    ("Peter Bang", "civilsamfund", "Bakkeby Maskinfabrik", "da"),
    ("Nadia Rahimi", "civilsamfund", "Lektiecaféen", "da"),
    ("Olena Kovalenko", "flygtning", "", "uk"),
    ("Andrij Shevchenko", "flygtning", "", "uk"),
    ("Iryna Bondar", "flygtning", "", "uk"),
    ("Ahmad Al-Hassan", "flygtning", "", "ar"),
    ("Rania Haddad", "flygtning", "Syrisk Forening", "ar"),
    ("Yusuf Mahmoud", "flygtning", "", "ar"),
]

ACTORS = [  # name, kind, sector
    ("Integrationsafdelingen", "forvaltning", "kommune"),
    ("Jobcenter Bakkeby", "forvaltning", "kommune"),
    ("Børn og Unge", "forvaltning", "kommune"),
    ("Sundhedsplejen", "forvaltning", "kommune"),
    ("Borgerservice", "forvaltning", "kommune"),
    ("Kultur og Fritid", "forvaltning", "kommune"),
    ("Sprogcenter Bakkeby", "forvaltning", "kommune"),
    ("Boligsocialt team", "forvaltning", "kommune"),
    ("Røde Kors Bakkeby", "social forening", "civilsamfund"),
    ("Dansk Flygtningehjælp Frivillignet", "social forening", "civilsamfund"),
    ("Lektiecaféen", "social forening", "civilsamfund"),
    ("Kvindenetværket", "selvorganiserede frivillige", "civilsamfund"),
    ("Venligboerne Bakkeby", "selvorganiserede frivillige", "civilsamfund"),
    ("Cykelvennerne", "selvorganiserede frivillige", "civilsamfund"),
    ("Lokalrådet Nordby", "lokalt samråd", "civilsamfund"),
    ("Lokalrådet Sønderby", "lokalt samråd", "civilsamfund"),
    ("Bakkeby IF", "idrætsforening", "civilsamfund"),
    ("Bakkeby Svømmeklub", "idrætsforening", "civilsamfund"),
    ("Sognegården", "trossamfund", "civilsamfund"),
    ("Moskéforeningen", "trossamfund", "civilsamfund"),
    ("Bakkeby Maskinfabrik", "virksomhed", "civilsamfund"),
    ("Brugsen Bakkeby", "virksomhed", "civilsamfund"),
    ("Syrisk Forening", "flygtninge", "flygtning"),
    ("Ukrainsk Fællesskab Bakkeby", "flygtninge", "flygtning"),
    ("Borgerforeningen", "lokale borgere", "civilsamfund"),
]

CARDS = [  # title, owner, sector, category, start_week, end_week
    ("Visitering og boligtildeling", "Integrationsafdelingen", "kommune", "bolig", -8, -2),
    ("Midlertidig bolig klargøres", "Boligsocialt team", "kommune", "bolig", -4, 0),
    ("Indflytning og nøgleudlevering", "Boligsocialt team", "kommune", "bolig", 0, 1),
    ("Møbelindsamling", "Røde Kors Bakkeby", "civilsamfund", "bolig", -3, 2),
    ("Velkomstpakke med køkkengrej", "Venligboerne Bakkeby", "civilsamfund", "bolig", 0, 1),
    ("Modtagesamtale", "Integrationsafdelingen", "kommune", "koordinering", 0, 1),
    ("Integrationskontrakt", "Jobcenter Bakkeby", "kommune", "arbejde", 1, 4),
    ("CPR-nummer og sundhedskort", "Borgerservice", "kommune", "praktisk", 0, 2),
    ("MitID og e-Boks", "Borgerservice", "kommune", "praktisk", 1, 3),
    ("Hjælp til MitID og NemKonto", "Dansk Flygtningehjælp Frivillignet", "civilsamfund",
     "praktisk", 1, 4),
    ("Bankkonto oprettes", "Integrationsafdelingen", "kommune", "økonomi", 1, 3),
    ("Økonomisk rådgivning om budget", "Røde Kors Bakkeby", "civilsamfund", "økonomi", 4, 12),
    ("Helbredsundersøgelse", "Sundhedsplejen", "kommune", "sundhed", 1, 6),
    ("Tandlæge og læge tilknyttes", "Borgerservice", "kommune", "sundhed", 1, 3),
    ("Psykosocial støttegruppe", "Kvindenetværket", "civilsamfund", "sundhed", 6, 26),
    ("Danskuddannelse starter", "Sprogcenter Bakkeby", "kommune", "sprog", 3, 26),
    ("Sprogcafé to gange om ugen", "Lektiecaféen", "civilsamfund", "sprog", 2, 26),
    ("Sprogvenner", "Dansk Flygtningehjælp Frivillignet", "civilsamfund", "sprog", 4, 26),
    ("Skoleindskrivning og modtageklasse", "Børn og Unge", "kommune", "familie", 1, 4),
    ("Daginstitutionsplads", "Børn og Unge", "kommune", "familie", 2, 6),
    ("Lektiehjælp for skolebørn", "Lektiecaféen", "civilsamfund", "familie", 5, 26),
    ("Familieaktiviteter i weekenden", "Sognegården", "civilsamfund", "familie", 4, 26),
    ("Jobsamtaler og virksomhedspraktik", "Jobcenter Bakkeby", "kommune", "arbejde", 6, 26),
    ("Praktikplads i produktionen", "Bakkeby Maskinfabrik", "civilsamfund", "arbejde", 10, 26),
    ("Mentor til jobsøgning", "Røde Kors Bakkeby", "civilsamfund", "arbejde", 8, 26),
    ("Gratis kontingent første år", "Bakkeby IF", "civilsamfund", "netværk", 3, 26),
    ("Cykelundervisning og cykler", "Cykelvennerne", "civilsamfund", "netværk", 2, 10),
    ("Velkomstmiddag i lokalområdet", "Lokalrådet Nordby", "civilsamfund", "netværk", 2, 3),
    ("Informationsmøde om tilbud", "Integrationsafdelingen", "kommune", "koordinering", 1, 2),
    ("Oversigt over frivillige tilbud", "Venligboerne Bakkeby", "civilsamfund",
     "koordinering", 0, 26),
]

THEMES = [  # label, ideas (prompt, text)
    ("Bolig og indflytning", [
        ("udfordring", "Boligerne bliver tildelt med meget kort varsel"),
        ("udfordring", "Svært at finde møbler til alle lejligheder på én gang"),
        ("behov", "Fælles lager til brugte møbler og køkkenting"),
        ("udfordring", "Mange familier bor langt fra skole og indkøb"),
        ("behov", "Frivillige der hjælper med indflytning den første dag"),
        ("udfordring", "Husorden og affaldssortering er ukendt for nye lejere"),
        ("behov", "Boligvejledning på ukrainsk og arabisk"),
    ]),
    ("Sprog og sprogvenner", [
        ("udfordring", "Ventetid før danskundervisningen starter"),
        ("behov", "Sprogcafé om aftenen for dem der arbejder"),
        ("behov", "Flere sprogvenner til voksne"),
        ("udfordring", "Svært at øve dansk uden for sprogskolen"),
        ("behov", "Samtalegrupper med pensionister"),
        ("udfordring", "Breve fra kommunen er svære at forstå"),
        ("behov", "Tolk ved de første møder"),
        ("behov", "Lære dansk gennem fælles madlavning"),
    ]),
    ("Job og praktik", [
        ("udfordring", "Uddannelser fra hjemlandet bliver ikke anerkendt"),
        ("behov", "Flere praktikpladser hos lokale virksomheder"),
        ("behov", "Mentorer fra erhvervslivet"),
        ("udfordring", "Arbejdsgivere kender ikke reglerne for ansættelse"),
        ("behov", "Jobmesse for nye borgere"),
        ("udfordring", "Svært at kombinere sprogskole og arbejde"),
        ("behov", "Hjælp til at skrive CV på dansk"),
    ]),
    ("Børn og familie", [
        ("udfordring", "Forældre forstår ikke skolens intra og beskeder"),
        ("behov", "Lektiehjælp for børn i modtageklasse"),
        ("udfordring", "Mangel på pladser i daginstitution"),
        ("behov", "Aktiviteter for hele familien i ferierne"),
        ("behov", "Forældrecafé på skolen"),
        ("udfordring", "Børn med krigstraumer får ikke hjælp i tide"),
        ("behov", "Fritidsjob for unge"),
    ]),
    ("Netværk og fritid", [
        ("behov", "Fællesspisning i lokalområdet"),
        ("udfordring", "Mange føler sig ensomme i weekenden"),
        ("behov", "Gratis plads i sportsklubberne"),
        ("behov", "Cykler og cykeltræning"),
        ("udfordring", "Foreningerne ved ikke hvordan de inviterer nye"),
        ("behov", "Besøgsvenner til ældre flygtninge"),
        ("behov", "Kvindegruppe med svømning"),
    ]),
    ("Praktisk hjælp med MitID, bank og læge", [
        ("udfordring", "MitID og e-Boks er svært at komme i gang med"),
        ("behov", "Hjælp til at oprette bankkonto"),
        ("udfordring", "Mange kender ikke forskel på læge og vagtlæge"),
        ("behov", "Digital hjælp i biblioteket hver uge"),
        ("udfordring", "Transport til sprogskolen er dyr"),
        ("behov", "Følge nye borgere til det første lægebesøg"),
        ("udfordring", "Budget og regninger er uoverskuelige"),
    ]),
    ("Koordinering og overblik", [
        ("udfordring", "Vi ved ikke hvad de andre foreninger tilbyder"),
        ("behov", "Fælles kalender over alle tilbud"),
        ("udfordring", "For meget information de første uger"),
        ("behov", "En fast kontaktperson i kommunen for frivillige"),
        ("udfordring", "Samme tilbud laves af flere foreninger"),
        ("behov", "Netværksmøde hvert kvartal"),
        ("behov", "Nyhedsbrev til frivillige om nye tiltag"),
    ]),
]

SELECTED = {0, 1, 2, 6}
CHOSEN = {1, 2, 7}
VOLUNTEERS = {"p03", "p10", "p11", "p14", "p19", "p01"}

GROUPS = {  # the terms of reference each group wrote
    "t1": {"name": "Boliggruppen", "purpose": "En tryg første tid i den nye bolig.",
           "tasks": "Møbellager, indflytningshjælp, vejledning om husorden.",
           "mandate": "Kan prioritere frivillige ressourcer; større udgifter besluttes af "
                      "koordineringsforummet.",
           "composition": "Boligsocialt team, Røde Kors, Venligboerne og flygtninge med "
                          "erfaring fra de første måneder.",
           "meeting_frequency": "Hver 3. uge", "first_meeting": "Tirsdag 8/12 kl. 17, rådhuset"},
    "t2": {"name": "Sproggruppen", "purpose": "Flere steder at øve dansk i hverdagen.",
           "tasks": "Sprogcafé om aftenen, sprogvenner, samtalegrupper.",
           "mandate": "Planlægger egne aktiviteter.",
           "composition": "Sprogcentret, Lektiecaféen, biblioteket og frivillige sprogvenner.",
           "meeting_frequency": "Månedligt", "first_meeting": ""},
    "t7": {"name": "Koordineringsgruppen", "purpose": "Overblik over alle tilbud for nye borgere.",
           "tasks": "Fælles kalender, nyhedsbrev til frivillige, netværksmøde hvert kvartal.",
           "mandate": "Foreslår fælles aftaler til koordineringsforummet.",
           "composition": "Integrationsafdelingen og en repræsentant for hver forening.",
           "meeting_frequency": "Hver 6. uge", "first_meeting": "Torsdag 14/1 kl. 16"},
}
INVITATIONS = [("g1", "a25"), ("g1", "a24"), ("g2", "a10"), ("g2", "a19"), ("g3", "a15"),
               ("g3", "a20")]

AREAS = ["bolig", "sprog", "arbejde", "familie", "netværk", "praktisk", "koordinering"]
"""Each theme's area of the integration field (the pictogram phones show beside it)."""

TRANSLATIONS = [  # item, field, language, text: some left out, so phones fall back to the area
    ("g1", "label", "ar", "مجموعة السكن"),
    ("g1", "label", "uk", "Житлова група"),
    ("g1", "purpose", "ar", "بداية آمنة في السكن الجديد."),
    ("g1", "purpose", "uk", "Спокійний перший час у новому житлі."),
    ("t1", "label", "ar", "السكن والانتقال"),
    ("t1", "label", "uk", "Житло й заселення"),
    ("t2", "label", "ar", "اللغة وأصدقاء اللغة"),
    ("t2", "label", "uk", "Мова й мовні друзі"),
    ("t7", "label", "uk", "Координація й огляд"),
]

DISCUSSION = {  # theme number: the room's answers to the three guiding questions
    1: ("Familier står uden møbler de første uger.",
        "Kommunen kender indflytningsdatoer; foreningerne har frivillige og lager.",
        "Boligsocialt team, Røde Kors, Venligboerne, en boligforening"),
    2: ("Mange venter måneder på sprogskole og mister modet.",
        "Sprogcentret kan henvise til sprogcafé og sprogvenner.",
        "Sprogcenter, Lektiecaféen, pensionistforeninger, biblioteket"),
}


def build() -> dict:
    rng = random.Random(2026)
    participants = [{"id": f"p{n:02d}", "name": name, "sector": sector, "organisation": org,
                     "language": lang} for n, (name, sector, org, lang) in
                    enumerate(PEOPLE, start=1)]
    actors = [{"id": f"a{n:02d}", "name": name, "kind": kind, "sector": sector, "contact": "",
               "remarks": "", "listed": False, "refugee_background": False,
               "parent_id": None}
              for n, (name, kind, sector) in enumerate(ACTORS, start=1)]
    by_org = {p["organisation"]: p["id"] for p in participants if p["organisation"]}
    cards = [{"id": f"c{n:02d}", "title": title, "owner": owner, "sector": sector,
              "category": cat, "start_week": a, "end_week": b, "description": "",
              "participant_id": by_org.get(owner), "retired": False,
              "carried": False}
             for n, (title, owner, sector, cat, a, b) in enumerate(CARDS, start=1)]
    themes, ideas = [], []
    for t, (label, theme_ideas) in enumerate(THEMES, start=1):
        themes.append({"id": f"t{t}", "label": label, "selected": (t - 1) in SELECTED,
                       "area": AREAS[t - 1],
                       "needs": DISCUSSION.get(t, ("", "", ""))[0],
                       "use_each_other": DISCUSSION.get(t, ("", "", ""))[1],
                       "team": DISCUSSION.get(t, ("", "", ""))[2], "chosen": t in CHOSEN})
        for prompt, text in theme_ideas:
            author = rng.choice(participants)["id"]
            ideas.append({"id": f"i{len(ideas) + 1:02d}", "participant_id": author,
                          "prompt": prompt, "text": text, "theme_id": f"t{t}"})
    votes = []
    for p in participants:
        dots: dict[str, int] = {}
        for _ in range(3):
            theme = rng.choices(themes, weights=[5, 4, 4, 3, 2, 2, 5])[0]["id"]
            dots[theme] = dots.get(theme, 0) + 1
        votes += [{"participant_id": p["id"], "theme_id": t, "dots": d} for t, d in dots.items()]
    chosen = [t["id"] for t in themes if t["chosen"]]
    preferences = []
    for p in participants:
        order = rng.sample(chosen, len(chosen))
        refuse = rng.random() < 0.15  # a few say "not this one" to their last theme
        for rank, theme in enumerate(order, start=1):
            preferences.append({"participant_id": p["id"], "theme_id": theme,
                                "rank": 0 if refuse and rank == len(order) else rank})
    for p in participants:
        p["volunteer"] = p["id"] in VOLUNTEERS
    # The groups are what the kit itself proposes for these preferences.
    result = assign(pd.DataFrame(participants), pd.DataFrame(preferences), 6, 9,
                    themes=chosen, volunteers=sorted(VOLUNTEERS))
    groups, memberships = [], []
    for n, theme in enumerate(chosen, start=1):
        members = sorted(result.frame.loc[result.frame["theme_id"] == theme, "participant_id"])
        volunteers = [m for m in members if m in VOLUNTEERS]
        coordinator = (volunteers or members)[0]
        groups.append({"id": f"g{n}", "theme_id": theme, "coordinator_id": coordinator,
                       **GROUPS[theme], "status": "active", "carried": False,
                       # no first meeting stored as facts yet: the documents list it
                       "first_meeting_date": "", "first_meeting_time": "",
                       "first_meeting_place": ""})
        memberships += [{"group_id": f"g{n}", "participant_id": m,
                         "role": "coordinator" if m == coordinator else "member"}
                        for m in members]
    invitations = [{"group_id": g, "actor_id": a} for g, a in INVITATIONS]
    actions = [
        {"id": "x1", "group_id": "g1", "title": "Finde lokale til møbellager",
         "owner": "Hanne Bech", "due": "2026-12-15", "status": "open"},
        {"id": "x2", "group_id": "g2", "title": "Første sprogcafé om aftenen",
         "owner": "Karen Møller", "due": "2027-01-10", "status": "doing"},
        {"id": "x3", "group_id": "g3", "title": "Fælles kalender over alle tilbud",
         "owner": "Mette Lauridsen", "due": None, "status": "open"},
    ]
    return {"workshop": [WORKSHOP], "participants": participants, "actors": actors,
            "cards": cards, "ideas": ideas, "themes": themes, "votes": votes,
            "preferences": preferences, "groups": groups, "memberships": memberships,
            "actions": actions, "invitations": invitations,
            "fora": [{"id": i, "kind": k, "name": n, "coordinator": c,
                      **{f: fields.get(f, "") for f in (*TERMS, *AGREEMENT)}}
                     for i, k, n, c, _, fields in FORA],
            "forum_members": [{"forum_id": i, "member": m} for i, *_, ms, _ in FORA
                              for m in ms],
            "translations": [{"item_id": i, "field": f, "language": lang, "text": text}
                             for i, f, lang, text in TRANSLATIONS],
            **ground_rules(participants, cards, rng),
            "need_answers": needs_check("2026-11", NEEDS_2026, rng)}


RULE_TASKS = {  # card number: (settled division, how the room leans)
    4: ("frivillige", ["frivillige"] * 8 + ["sammen"] * 2),
    6: ("fagperson", ["fagperson"] * 9 + ["sammen"]),
    10: ("sammen", ["frivillige"] * 4 + ["sammen"] * 4 + ["fagperson"] * 3),
    12: ("sammen", ["fagperson"] * 5 + ["sammen"] * 5 + ["frivillige"] * 2),
    15: ("sammen", ["fagperson"] * 5 + ["sammen"] * 4 + ["frivillige"]),
    18: ("frivillige", ["frivillige"] * 9 + ["sammen"]),
    21: ("frivillige", ["frivillige"] * 7 + ["sammen"] * 3),
    26: ("uden_kommune", ["uden_kommune"] * 6 + ["frivillige"] * 4),
}
EXTRA_TASK = ("Følge til samtaler på sygehuset", "sundhed")
HOUSE_RULES = [
    ("kontaktpunkt", "Hver familie har én kontaktperson i Integrationsafdelingen. Frivillige "
     "med spørgsmål til en sag ringer kun til den person."),
    ("fortrolighed", "Oplysninger om helbred, økonomi og sagens gang bliver hos den, der har "
     "fået dem, medmindre familien selv siger ja til at dele dem."),
    ("videregivelse", "Frivillige giver bekymringer videre til familiens kontaktperson – "
     "ikke til andre frivillige eller i grupper på sociale medier."),
]


def ground_rules(participants: list, cards: list, rng: random.Random) -> dict:
    """The ground rules the room settled: tasks from some cards and one added, the room's
    votes on them, three agreed house rules."""
    tasks = [{"id": f"r{n:02d}", "title": cards[n - 1]["title"],
              "category": cards[n - 1]["category"], "card_id": cards[n - 1]["id"],
              "settled": settled} for n, (settled, _) in RULE_TASKS.items()]
    tasks.append({"id": "r99", "title": EXTRA_TASK[0], "category": EXTRA_TASK[1],
                  "card_id": None, "settled": ""})
    votes = []
    for task, (_, lean) in zip(tasks, RULE_TASKS.values(), strict=False):
        voters = rng.sample(participants, len(lean))
        votes += [{"participant_id": p["id"], "task_id": task["id"], "division": d}
                  for p, d in zip(voters, lean, strict=True)]
    voters = rng.sample(participants, 6)
    votes += [{"participant_id": p["id"], "task_id": "r99", "division": d}
              for p, d in zip(voters, ["frivillige", "fagperson", "sammen", "frivillige",
                                       "fagperson", "sammen"], strict=True)]
    rules = [{"id": f"h{n}", "kind": kind, "text": text, "agreed": True}
             for n, (kind, text) in enumerate(HOUSE_RULES, start=1)]
    return {"rule_tasks": tasks, "rule_votes": votes, "house_rules": rules}


NEEDS_2026 = {  # question: weights of the areas (in kit.model.Category's order)
    "sværest": [3, 6, 5, 2, 2, 3, 3, 5, 1],
    "hjælper": [1, 4, 1, 1, 2, 4, 1, 1, 1],
    "mangler": [2, 3, 4, 4, 1, 3, 2, 5, 3],
}
NEEDS_2027 = {
    "sværest": [2, 3, 6, 3, 1, 2, 2, 2, 1],
    "hjælper": [1, 5, 2, 1, 2, 4, 2, 3, 1],
    "mangler": [1, 2, 5, 5, 1, 2, 1, 2, 2],
}
NEEDS_TEXTS = {
    "2026-11": [("mangler", "ar", "أحتاج إلى من يشرح لي الرسائل من البلدية"),
                ("sværest", "uk", "Важко знайти роботу за фахом"),
                ("hjælper", "da", "Sprogcaféen om aftenen – der kan jeg komme efter arbejde")],
    "2027-11": [("mangler", "ar", "لا يوجد طبيب نفسي يتحدث العربية"),
                ("hjælper", "uk", "Ментор допоміг мені знайти практику")],
}
AREAS = ["bolig", "sprog", "arbejde", "sundhed", "familie", "netværk", "praktisk", "økonomi",
         "koordinering"]


def needs_check(round_: str, weights: dict, rng: random.Random, people: int = 14) -> list:
    """One round of the anonymous needs check: each respondent picks one to three areas per
    question; a few wrote a line, which the facilitator has read."""
    rows = []
    for n in range(1, people + 1):
        response = f"n{round_[:4]}{n:02d}"
        language = rng.choice(["ar", "ar", "uk", "da"])
        for question, w in weights.items():
            picks = sorted(set(rng.choices(AREAS, weights=w, k=rng.randint(1, 3))))
            rows += [{"id": f"{response}{question[:2]}{area[:3]}", "response": response,
                      "round": round_, "question": question, "category": area, "text": "",
                      "language": language, "seen": False} for area in picks]
    for k, (question, language, text) in enumerate(NEEDS_TEXTS[round_], start=1):
        rows.append({"id": f"t{round_[:4]}{k}", "response": f"n{round_[:4]}{k:02d}",
                     "round": round_, "question": question, "category": None, "text": text,
                     "language": language, "seen": True})
    return rows


def a_year_later(rows: dict) -> dict:
    """The same municipality's follow-up workshop a year on: fewer people came, groups have
    moved on. For the analysis across workshops."""
    rng = random.Random(2027)
    keep = {p["id"] for p in rows["participants"] if rng.random() < 0.75}
    out = {sheet: [dict(r) for r in rs] for sheet, rs in rows.items()}
    out["workshop"] = [{**rows["workshop"][0], "id": "w-bakkeby-2027", "code": "BKY7QR",
                        "public_code": "BKYPUBAKK27X",
                        "date": "2027-11-22", "title": "Modtagelsen – et år efter",
                        "phase": "follow_up"}]
    for sheet, column in (("participants", "id"), ("ideas", "participant_id"),
                          ("votes", "participant_id"), ("preferences", "participant_id"),
                          ("memberships", "participant_id")):
        out[sheet] = [r for r in out[sheet] if r[column] in keep]
    for card in out["cards"]:
        if card["participant_id"] not in keep:
            card["participant_id"] = None
    for group in out["groups"]:
        if group["coordinator_id"] not in keep:
            group["coordinator_id"] = None
        group["status"] = {"g1": "running", "g2": "active", "g3": "closed"}[group["id"]]
    out["memberships"] = [{**m, "role": "member"} if m["participant_id"] not in keep else m
                          for m in out["memberships"]]
    out["actions"] = [{**x, "status": "done"} for x in out["actions"]] + [
        {"id": "x4", "group_id": "g2", "title": "Sprogcafé i Nordby", "owner": "Karen Møller",
         "due": "2028-02-01", "status": "open"}]
    for forum in out["fora"]:
        if forum["coordinator"] and forum["coordinator"].split(":")[1] not in keep and \
                forum["coordinator"].startswith("participant:"):
            forum["coordinator"] = None
    out["forum_members"] = [m for m in out["forum_members"] if not m["member"].startswith(
        "participant:") or m["member"].split(":")[1] in keep]
    out["rule_votes"] = [r for r in out["rule_votes"] if r["participant_id"] in keep]
    # the task left open a year ago is settled now, and one more house rule was agreed
    out["rule_tasks"] = [{**x, "settled": "sammen"} if x["id"] == "r99" else x
                         for x in out["rule_tasks"]]
    out["house_rules"].append({"id": "h4", "kind": "andet", "agreed": True,
                               "text": "Nye frivillige får en introduktion til husreglerne, "
                                       "før de møder en familie."})
    # a year on the same questions are asked again: the quality check of the first round
    out["need_answers"] += needs_check("2027-11", NEEDS_2027, rng)
    return out


def as_references(rows: dict) -> dict:
    """The fora's members and coordinators, listed above as "participant:<id>" /
    "actor:<id>" keys, as the file format holds them since schema 0018b: a member row names
    a participant or an actor, and the coordinator is a mark on its member's row."""
    coordinator = {f["id"]: f["coordinator"] for f in rows["fora"]}
    members = []
    for m in rows["forum_members"]:
        kind, _, ident = m["member"].partition(":")
        members.append({"forum_id": m["forum_id"],
                        "participant_id": ident if kind == "participant" else None,
                        "actor_id": ident if kind == "actor" else None,
                        "coordinator": coordinator[m["forum_id"]] == m["member"]})
    fora = [{k: v for k, v in f.items() if k != "coordinator"} for f in rows["fora"]]
    return {**rows, "fora": fora, "forum_members": members}


if __name__ == "__main__":
    first = build()
    for name, rows in (("workshop", first), ("workshop-2027", a_year_later(first))):
        out = Path(__file__).resolve().parent / name
        write(as_references(rows), out)
        back = read(out)  # the written files must pass the importer's own checks
        print(name, {sheet: len(r) for sheet, r in back.items()})
