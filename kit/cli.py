"""The `kit` command: serve, demo, practice, import, export, report, purge, partnership
(`kit.cli_partnership`)."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from kit import config
from kit.core.errors import KitError
from kit.exchange import export_workshop, import_workshop
from kit.steps.friends.model import PURGE_AFTER_MONTHS
from kit.store import Store, open_store

SAMPLE = Path(__file__).resolve().parent.parent / "sample-data" / "workshop"


def _add_settings(parser: argparse.ArgumentParser) -> None:
    for s in config.SETTINGS:
        parser.add_argument(s.flag, dest=s.name, type=s.type, default=s.value(),
                            help=f"{s.help} (env {s.env}; default {s.default!r})")
    parser.add_argument("--database-url", default=None,
                        help="SQLAlchemy-style URL (sqlite:///PATH or postgresql://…); "
                             "default KIT_DATABASE_URL, else the default SQLite file")
    parser.add_argument("--code", default="", help="Workshop whose join details to print")


def _print_join(code: str, public_url: str, facilitator_url: str, key: str = "",
                public_code: str = "") -> None:
    """What a facilitator needs, in the order they need it: their own link (and key), the
    projector's, then the room's way in; the QR code last, as the room sees it. The public
    pages' addresses (by their own code, never the join code) come before the QR code."""
    from kit.ui.parts import board_link, participant_link

    print(f"Facilitator (your laptop): {facilitator_url}")
    if not code:
        return
    import segno

    if key:
        # Printed here, on the machine that owns the store: it opens the workshop on an
        # exposed facilitator app, and nothing else shows it. Off a terminal (a service
        # journal) only the path of a file this user alone can read (`serve.key_text`).
        from kit import serve

        print(f"Facilitator key:           {serve.key_text(code, key)}")
    link = participant_link(public_url, code)
    print(f"Board (the projector):     {board_link(public_url, code)}")
    print(f"Participants:              {link}")
    print(f"Join code:                 {code}")
    if public_code:
        # the addresses for posters and links beyond the room: they open nothing else
        base = public_url.rstrip("/")
        print(f"Overview (public):         {base}/overview/{public_code}  (poster: ?poster=1)")
        print(f"Needs check (public):      {base}/needs/{public_code}")
    segno.make(link, error="m").terminal(compact=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    from kit import serve

    store = open_store(args.database_url)
    handle = store.facilitate(args.code) if args.code else None
    code = handle.code if handle else ""
    public_url = args.public_url or serve.guess_public_url(args.host, args.port)
    max_kernels, room = args.max_kernels, ""
    if max_kernels < 0:
        from kit import _budget

        free = _budget.available_memory()
        max_kernels = _budget.room_for_phones(free, bool(args.fork_kernels))
        room = (f"Room for about {max_kernels} phones ({free / 2**30:.1f} GiB available; "
                f"--max-kernels sets another number).")
    # `kill` (or a service manager) must stop the servers too: they run in sessions of their
    # own and would otherwise keep the ports and the kernels. Also while they start: then
    # serve.start stops them and main() ends quietly.
    signal.signal(signal.SIGTERM, _interrupt)
    procs = serve.start(args.host, args.port, args.facilitator_host, args.facilitator_port,
                        store.url, public_url, args.poll_interval, args.cull_after,
                        args.preheat, compress=bool(args.compress),
                        workers=args.workers, allowed_hosts=args.allowed_hosts,
                        admin_secret=args.admin_secret, max_kernels=max_kernels,
                        max_pages_per_address=args.max_pages_per_address,
                        join_idle_after=args.join_idle_after,
                        require_key=bool(args.require_key),
                        fork_kernels=bool(args.fork_kernels),
                        trusted_proxies=args.trusted_proxies)
    facilitator_url = f"http://{args.facilitator_host}:{args.facilitator_port}/"
    if code:
        facilitator_url += f"?code={code}"
    _print_join(code, public_url, facilitator_url,
                (handle.facilitator_key or "") if handle is not None else "",
                handle.public_code if handle is not None else "")
    print(f"Store: {store.url}")
    if room:
        print(room)
    print("Ctrl-C stops all servers.", flush=True)
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        serve.stop(procs)
    return 0


def load_sample(store: Store) -> str:
    """The sample workshop's join code, importing it first if the store lacks it."""
    from kit.exchange import read

    rows = read(SAMPLE)
    try:
        return store.workshop(rows["workshop"][0]["id"]).code
    except KitError:
        return store.import_rows(rows).code


def cmd_demo(args: argparse.Namespace) -> int:
    store = open_store(args.database_url)
    args.code = load_sample(store)
    return cmd_serve(args)


def cmd_practice(args: argparse.Namespace) -> int:
    """A fresh, empty workshop to try the steps on, served like any other (`kit purge CODE`
    removes it afterwards)."""
    from kit.i18n import t

    store = open_store(args.database_url)
    workshop = store.create_workshop(t("practice.title", "da"), t("practice.municipality", "da"))
    args.code = workshop.code
    return cmd_serve(args)


def cmd_import(args: argparse.Namespace) -> int:
    from kit import cli_partnership

    store = open_store(args.database_url)
    if cli_partnership.import_file(store, args.path):  # a whole partnership's file
        return 0
    workshop = import_workshop(args.path, store)
    print(f"{workshop.code} {workshop.id}")
    print(f"Facilitator key: {workshop.facilitator_key}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    store = open_store(args.database_url)
    if args.partnership:
        from kit.cli_partnership import find
        from kit.exchange import export_partnership

        print(export_partnership(find(store, args.code), args.output))
        return 0
    out = export_workshop(store.workshop(args.code), args.output)
    print(out)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from kit.i18n import t
    from kit.reports.workshop import missing_text, write_documents, write_internal

    workshop = open_store(args.database_url).workshop(args.code)
    paths, found = write_documents(workshop, args.output, args.language,
                                   agenda_date=args.agenda_date or "")
    for path in paths:
        print(path)
    if args.internal:
        # the individual answers, named as internal, apart from what is sent
        print(f"\n{t('missing.internal', args.language)}\n"
              f"{write_internal(workshop, args.output, args.language)}")
    # what each document lacks, before anyone sends it
    print(f"\n{missing_text(found.missing, args.language)}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """The partnership's next workshop, built on its latest (`kit.carry`): the partnership
    named by its id, or by any of its workshops' code or id."""
    from kit.core.errors import UnknownPartnership

    store = open_store(args.database_url)
    try:
        partnership = store.coordinate(args.partnership)
    except UnknownPartnership:
        partnership = store.coordinate(store.workshop(args.partnership).state().partnership_id)
    workshop = partnership.create_workshop(args.title, args.date, args.language)
    print(f"{workshop.code} {workshop.id}")
    print(f"Facilitator key: {workshop.facilitator_key}")
    carried = sum(c.carried for c in workshop.timeline.cards())
    print(f"Carried over: {len(workshop.prepare.actors())} actors, {carried} offers, "
          f"{sum(g.carried for g in workshop.groups())} groups, "
          f"{len(workshop.follow_up.fora())} fora")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    store = open_store(args.database_url)
    if args.friends is not None:
        if args.code is not None or args.older_than is not None:
            print("kit purge: --friends goes alone", file=sys.stderr)
            return 2
        # the friend programme's personal data, every partnership's: due by the rule the
        # sign-up forms state, so it runs without asking (a scheduled job)
        from kit.steps.friends.purge import purge_all

        done = purge_all((store.coordinate(s.id) for s in store.partnerships()), args.friends)
        print(f"friends: {done['volunteers']} volunteer(s), {done['households']} "
              "household(s) deleted")
        return 0
    if (args.code is None) == (args.older_than is None):
        print("kit purge: give a CODE or --older-than DAYS", file=sys.stderr)
        return 2
    # A purge cannot be undone: it names what it would delete and asks, unless --yes.
    doomed = ([store.workshop(args.code).state()] if args.code else
              store.held_before(args.older_than))
    if not doomed:
        return 0
    if not args.yes:
        for s in doomed:
            print(f"  {s.id}  {s.code}  {s.date}  {s.title}", file=sys.stderr)
        print(f"kit purge: delete these {len(doomed)} workshop(s) and everything in them? "
              "This cannot be undone. Type 'yes': ", end="", file=sys.stderr, flush=True)
        try:
            answer = input()
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            print("kit purge: nothing deleted (pass --yes to skip this question)",
                  file=sys.stderr)
            return 1
    for s in doomed:
        print(store.purge(s.id))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kit", description="Co-creation workshop kit.")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="Serve the participant, board and facilitator apps.")
    _add_settings(serve)
    serve.set_defaults(run=cmd_serve)
    demo = sub.add_parser("demo", help="Load the sample workshop and serve it.")
    _add_settings(demo)
    demo.set_defaults(run=cmd_demo)
    practice = sub.add_parser("practice", help="Create a fresh, empty practice workshop and "
                                               "serve it.")
    _add_settings(practice)
    practice.set_defaults(run=cmd_practice)
    new = sub.add_parser("new", help="Create the next workshop of a partnership; it starts "
                                     "with the actor register, the current offers, the "
                                     "running working groups and the fora of the latest.")
    new.add_argument("title", help="the new workshop's title")
    new.add_argument("--partnership", required=True, metavar="ID_OR_CODE",
                     help="the partnership's id, or a code or id of one of its workshops")
    new.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="default today")
    new.add_argument("--language", default="da", choices=["da", "en"])
    new.add_argument("--database-url", default=None, help="default KIT_DATABASE_URL")
    new.set_defaults(run=cmd_new)
    for name, helptext, run in (
            ("import", "Import a workshop, or a whole partnership, from an .xlsx file or a "
                       "folder of CSV files.", cmd_import),
            ("export", "Export a workshop (or with --partnership its whole partnership) to an "
                       ".xlsx file or a folder of CSV files.",
             cmd_export),
            ("report", "Write every document of a workshop into one folder: the report "
                       "(docx, html, xlsx), a one-page brief for management, each group's "
                       "terms of reference, the groups workbook, each forum's terms of "
                       "reference, partnership agreement and next agenda, and the activity "
                       "overview; file names in the report's language; then what each "
                       "document is missing.",
             cmd_report),
            ("purge", "Delete a workshop and everything in it.", cmd_purge)):
        sp = sub.add_parser(name, help=helptext)
        if name == "import":
            sp.add_argument("path", help="an .xlsx file or a folder of CSV files")
        elif name == "purge":
            sp.add_argument("code", nargs="?", default=None,
                            help="the workshop's join code or id")
            sp.add_argument("--older-than", type=int, default=None, metavar="DAYS",
                            help="instead: every workshop held more than DAYS days ago")
            sp.add_argument("--yes", action="store_true",
                            help="delete without asking (scripts, scheduled purges)")
            sp.add_argument("--friends", type=int, nargs="?", const=PURGE_AFTER_MONTHS,
                            default=None, metavar="MONTHS",
                            help="instead: delete the friend programme's personal data "
                                 "MONTHS months (default %(const)s) after a friendship "
                                 "ended or a sign-up was withdrawn")
        else:
            sp.add_argument("code", help="the workshop's join code or id")
        if name == "export":
            sp.add_argument("-o", "--output", required=True,
                            help="PATH.xlsx, or a folder for CSV files")
            sp.add_argument("--partnership", action="store_true",
                            help="the whole partnership (every workshop in it): CODE is then "
                                 "the partnership's id or public code, or a workshop of it")
        if name == "report":
            sp.add_argument("-o", "--output", required=True, help="the folder to write to")
            sp.add_argument("--language", default="da", choices=["da", "en"],
                            help="the report's language (default da)")
            sp.add_argument("--agenda-date", default=None, metavar="YYYY-MM-DD",
                            help="the date of the fora's next meeting (default: each "
                                 "forum's next planned meeting, else \"not agreed yet\", "
                                 "listed as missing)")
            sp.add_argument("--internal", action="store_true",
                            help="also write the workbook of individual answers (each "
                                 "person's dots, wishes and screen language), named as "
                                 "internal: for analysts, never to be sent")
        sp.add_argument("--database-url", default=None, help="default KIT_DATABASE_URL")
        sp.set_defaults(run=run)
    from kit.cli_partnership import add_parser

    add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status: int = args.run(args)  # the subcommand set_defaults(run=...) chose
        return status
    except KitError as exc:
        print(f"kit: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C before the servers were up: they are stopped
        return 130


if __name__ == "__main__":
    sys.exit(main())
