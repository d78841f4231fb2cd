"""The partnership's part of the `kit` command (issue 27): `kit partnership` lists, creates
and adds workshops to partnerships; `kit import` reads a partnership file as well as a
workshop's; `kit export --partnership` writes a whole partnership. `kit.cli` mounts them."""

from __future__ import annotations

import argparse

from kit.core import errors
from kit.core.base import normalise_code
from kit.partnership import Partnership
from kit.store import Store, open_store


def find(store: Store, value: str) -> Partnership:
    """A partnership by its id or its public code, or the partnership of the workshop with
    this join code or id (on the machine that owns the store: the coordinator's handle)."""
    code = normalise_code(value)
    for state in store.partnerships():
        if value == state.id or code == state.public_code:
            return store.coordinate(state.id)
    try:
        return store.facilitate(value).partnership
    except errors.UnknownWorkshop:
        raise errors.UnknownPartnership() from None


def print_partnership(partnership: Partnership, key: bool = True) -> None:
    state = partnership.state()
    print(f"Partnership:      {state.id}  {state.name} ({state.municipality})")
    print(f"Public code:      {state.public_code}  ({state.status.value})")
    if key:
        print(f"Coordinator key:  {partnership.coordinator_key}")


def import_file(store: Store, path: str) -> bool:
    """Import a partnership file and print what a coordinator needs (the partnership, its
    key, each workshop's join code, id and facilitator key); False when the file is a
    workshop's own (the caller imports it as before)."""
    from kit import exchange, exchange_partnership

    tables = exchange.read_tables(path, exchange_partnership.sheet_names())
    if not exchange_partnership.is_partnership_file(tables):
        return False
    partnership = store.import_partnership(exchange_partnership.parse(tables))
    print_partnership(partnership)
    for state in partnership.workshops():
        workshop = store.facilitate(state.id)
        print(f"{workshop.code} {workshop.id}  {state.date}  {state.status}  {state.title}")
        print(f"Facilitator key: {workshop.facilitator_key}")
    return True


def cmd_partnership(args: argparse.Namespace) -> int:
    store = open_store(args.database_url)
    if args.action == "create":
        print_partnership(store.create_partnership(args.name, args.municipality))
    elif args.action == "add-workshop":
        workshop = find(store, args.partnership).create_workshop(args.title, args.date,
                                                                 args.language)
        print(f"{workshop.code} {workshop.id}")
        print(f"Facilitator key: {workshop.facilitator_key}")
    else:
        for state in store.partnerships():
            held = store.partnership(state.id).workshops()
            print(f"{state.id}  {state.public_code}  {state.status.value:8}  "
                  f"{len(held)} workshop(s)  {state.name} ({state.municipality})")
            for w in held:
                print(f"    {w.date}  {w.code}  {w.status.value:6}  {w.title}")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`kit partnership [list | create NAME MUNICIPALITY | add-workshop ID TITLE]`."""
    p = sub.add_parser("partnership", help="List partnerships, create one, or add a workshop "
                                           "to one.")
    p.add_argument("--database-url", default=None, help="default KIT_DATABASE_URL")
    p.set_defaults(run=cmd_partnership, action="list")
    actions = p.add_subparsers(dest="action")
    actions.add_parser("list", help="every partnership with its workshops (the default)")
    create = actions.add_parser("create", help="a new partnership; prints its public code "
                                               "and the coordinator key")
    create.add_argument("name", help="the partnership's name, e.g. 'Sammen i Bakkeby'")
    create.add_argument("municipality", help="e.g. 'Bakkeby Kommune'")
    add = actions.add_parser("add-workshop", help="a new workshop in a partnership; prints its "
                                                  "join code and the facilitator key")
    add.add_argument("partnership", help="the partnership's id or public code, or a workshop "
                                         "of it (join code or id)")
    add.add_argument("title")
    add.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="default today")
    add.add_argument("--language", default="da", choices=["da", "en"])
    for sp in (create, add, actions.choices["list"]):
        sp.add_argument("--database-url", default=argparse.SUPPRESS,
                        help="default KIT_DATABASE_URL")
