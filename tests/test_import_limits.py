"""Import limits and dates (issue 19, item 8): a file that expands beyond the caps is refused
with a clear message before it is parsed (or the moment a row cap is passed while streaming),
nothing is written; dates must be real dates and `purge --older-than` compares them as dates.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
import zipfile

import pytest

import kit
from kit import exchange
from kit.core.errors import ImportFailed, ImportTooBig

from helpers import SAMPLE


@pytest.fixture
def workbook(tmp_path):
    source = kit.open_store("sqlite://")
    return exchange.export_workshop(kit.import_workshop(SAMPLE, source),
                                    tmp_path / "sample.xlsx")


def _rebuild(source, target, replace=None, add=None):
    with zipfile.ZipFile(source) as z_in, zipfile.ZipFile(target, "w",
                                                          zipfile.ZIP_DEFLATED) as z_out:
        for info in z_in.infolist():
            data = z_in.read(info.filename)
            if replace and info.filename == replace[0]:
                data = replace[1]
            z_out.writestr(info.filename, data)
        for name, data in (add or {}).items():
            z_out.writestr(name, data)
    return target


def test_a_zip_that_expands_beyond_the_size_cap_is_refused_unread(tmp_path, workbook, store):
    bomb = _rebuild(workbook, tmp_path / "bomb.xlsx",
                    add={"xl/media/padding.bin": b"\0" * (exchange.MAX_BYTES + 1)})
    assert bomb.stat().st_size < 1_000_000  # small on disk
    started = time.monotonic()
    with pytest.raises(ImportTooBig) as refused:
        kit.import_workshop(bomb, store)
    assert time.monotonic() - started < 5
    assert "bomb.xlsx" in refused.value.message("en") and "MiB" in refused.value.message("en")
    assert store.workshops() == []


def test_a_sheet_with_more_rows_than_the_cap_stops_while_streaming(tmp_path, workbook, store):
    with zipfile.ZipFile(workbook) as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>'
                   for n in range(1, exchange.MAX_ROWS + 50))
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
           f'formats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')
    many = _rebuild(workbook, tmp_path / "many.xlsx", replace=(sheet, xml.encode()))
    started = time.monotonic()
    with pytest.raises(ImportTooBig) as refused:
        kit.import_workshop(many, store)
    assert time.monotonic() - started < 60
    assert f"{exchange.MAX_ROWS} rows" in refused.value.message("en")
    assert store.workshops() == []


def test_a_csv_folder_beyond_the_row_cap_is_refused(tmp_path, store):
    folder = shutil.copytree(SAMPLE, tmp_path / "w")
    with (folder / "ideas.csv").open("a", encoding="utf-8") as f:
        f.write("".join(f"i{n},p01,x,behov\n" for n in range(exchange.MAX_ROWS + 1)))
    with pytest.raises(ImportTooBig):
        kit.import_workshop(folder, store)
    assert store.workshops() == []


def test_an_uploaded_table_beyond_the_caps_is_refused():
    data = ("name,sector\n" + "Anna,kommune\n" * (exchange.MAX_ROWS + 5)).encode()
    with pytest.raises(ImportTooBig):
        exchange.read_table("people.csv", data, "participants", ("name",))
    with pytest.raises(ImportTooBig):
        exchange.read_table("people.csv", b"x" * (exchange.MAX_BYTES + 1), "participants",
                            ("name",))


@pytest.mark.parametrize("date", ["31-02-2026", "2026-02-31", "20260203", "2026-2-3", "i går"])
def test_dates_must_be_real_dates(tmp_path, store, date):
    folder = shutil.copytree(SAMPLE, tmp_path / "w")
    text = (folder / "workshop.csv").read_text(encoding="utf-8")
    (folder / "workshop.csv").write_text(text.replace("2026-11-23", date), encoding="utf-8")
    with pytest.raises(ImportFailed) as refused:
        kit.import_workshop(folder, store)
    assert "date" in refused.value.message("en")
    assert store.workshops() == []


def test_purge_older_than_compares_dates_as_dates(store):
    old = store.create_workshop("Gammel", "Aarhus", date="2020-01-05")
    recent = store.create_workshop("Ny", "Aarhus", date=dt.date.today().isoformat())
    # A date stored as text before imports checked them: never purged by accident.
    store.db.write(lambda tx: tx.run("UPDATE workshops SET date = '31-02-2026' WHERE id = :w",
                                     {"w": recent.id}))
    assert store.purge_older_than(30) == [old.id]
    assert [s.id for s in store.workshops()] == [recent.id]


def test_a_megabyte_cell_in_a_csv_is_too_long_not_unreadable(tmp_path, store):
    folder = shutil.copytree(SAMPLE, tmp_path / "w")
    with (folder / "ideas.csv").open("a", encoding="utf-8") as f:
        f.write(f"i999,p01,{'x' * 2**20},behov\n")
    with pytest.raises(ImportFailed) as refused:
        kit.import_workshop(folder, store)
    message = refused.value.message("en")
    assert "longer than" in message and "not a readable" not in message
    assert "lang" in refused.value.message("da")
    assert store.workshops() == []
    with pytest.raises(ImportFailed) as uploaded:
        exchange.read_table("people.csv", f"name,sector\n{'x' * 2**20},kommune\n".encode(),
                            "participants", ("name",))
    assert "longer than" in uploaded.value.message("en")


def _peak_rss_of_import(path) -> tuple[int, str]:
    """Peak resident memory (KiB) of a fresh process that only imports `path`."""
    import subprocess
    import sys

    script = ("import resource, kit\nfrom kit import exchange\n"
              "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              f"try:\n    exchange.read({str(path)!r})\n    said = 'read'\n"
              "except kit.KitError as exc:\n    said = exc.message('en')\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
              "print(said)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=300).stdout.splitlines()
    return int(out[0]), out[1]


def test_a_shared_strings_part_of_millions_of_texts_is_refused_in_little_memory(tmp_path,
                                                                                  workbook):
    with zipfile.ZipFile(workbook) as z:
        shared = next((n for n in z.namelist() if n.lower().endswith("sharedstrings.xml")),
                      "xl/sharedStrings.xml")
    count = 3_500_000  # 46 MiB of empty texts: under the size cap
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats'
           b'.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (count, count)
           + b"<si><t/></si>" * count + b"</sst>")
    assert len(xml) < exchange.MAX_BYTES
    with zipfile.ZipFile(workbook) as z:
        present = shared in z.namelist()
    bomb = (_rebuild(workbook, tmp_path / "strings.xlsx", replace=(shared, xml)) if present
            else _rebuild(workbook, tmp_path / "strings.xlsx", add={shared: xml}))
    grown, said = _peak_rss_of_import(bomb)
    assert f"{exchange.MAX_STRINGS} texts" in said and "strings.xlsx" in said
    assert grown < 60 * 1024, f"{grown} KiB"  # one chunk at a time, not 417 MB of strings
    # a workbook with its real texts still reads
    assert _peak_rss_of_import(workbook)[1] == "read"


def test_shared_strings_are_counted_across_chunk_boundaries():
    import io

    for n in (exchange.MAX_STRINGS, exchange.MAX_STRINGS + 1):
        data = b"<sst>" + b"<x:si><x:t>ab</x:t></x:si>" * n + b"</sst>"
        if n > exchange.MAX_STRINGS:
            with pytest.raises(ImportTooBig):
                exchange._count_strings("a.xlsx", io.BytesIO(data))
        else:
            exchange._count_strings("a.xlsx", io.BytesIO(data))
