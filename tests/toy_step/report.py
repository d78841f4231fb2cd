"""The toy's report section, its workbook sheet, its file to send and its rehearsal filler."""


def section(workshop, language):
    from kit.reports._blocks import Block

    return [Block("h1", f"toy-report {language}"),
            Block("p", "toy-report " + ", ".join(workshop.toy.names()))]


def workbook_sheets(workshop, rows, language):
    from kit.reports._xlsx import Sheet

    return [Sheet(f"toy-sheet {language}", ["name"], sorted([r["name"]] for r in rows["toys"]))]


def fill(workshop, people, rng):
    for p in people:
        workshop.toy.add(p, rng.choice(["bamse", "bold", "drage"]))
    return len(people)


def documents(workshop, language, agenda_date):
    return [(f"toys-{language}.txt", lambda: "\n".join(workshop.toy.names()).encode())]
