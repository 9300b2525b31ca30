"""Importing boards from the tools teams use today, and from this app's own exports."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import board, check, csv_export, exercises, importer, json_export, summary, workshops
from workshop.cli import cli
from workshop.errors import AlreadyImported, InvalidInput, NotAllowed
from workshop.i18n import t
from workshop.importers import read
from workshop.importers.columns import column_for
from workshop.importers.table import read_table
from workshop.importers.text import CODE_PAGES, decode
from workshop.ui import board_view

FIXTURES = Path(__file__).parent / "fixtures" / "imports"

# What each fixture holds, written out by hand from the file (not from the reader):
# format, encoding, exercise and quarter chosen, then (column, text, dots, group) per
# card, then (text, owner, status) per action.
EXPECTED = {
    "scrumlr-2026-03-27_Kvartalsretro Q1.csv": (
        "scrumlr.io", "utf-8", "sscc", "2026-Q1",
        [
            ("stop", "Slutt å booste hvert eneste innlegg – det gir få følgere og høy CPM", 3,
             "Slutt å booste hvert eneste innlegg – det gir få følgere og høy CPM"),
            ("stop", 'Drop the "Tips" series, CTR 0,4 %', 3, None),
            ("stop", "Berhenti posting di jam 02.00 WIB", 1,
             "Slutt å booste hvert eneste innlegg – det gir få følgere og høy CPM"),
            ("start", "Zacząć testy reklam wideo na TikToku\nbudżet: 5 000 zł / miesiąc", 6, None),
            ("start", "Mulai kolaborasi dengan kreator lokal; ukur dengan kode promo", 1, None),
            ("continue", "Nyhetsbrevet på søndager: 42 % åpningsrate", 5, None),
            ("change", "Zmienić harmonogram: mniej postów, więcej jakości (źródło: raport Q1)", 0,
             None),
        ],
        [],
    ),
    "scrumlr-2026-06-18_Retro Q2.json": (
        "scrumlr.io", "utf-8", "hml", "2026-Q2",
        [
            ("hits", "Kampania „Lato z marką” – zasięg +38 % r/r", 4, None),
            ("hits", "Konten Ramadan di Instagram: interaksi naik dua kali lipat", 0,
             "Konten Ramadan di Instagram: interaksi naik dua kali lipat"),
            ("hits", "Reels med ansatte fungerte – ærlig og nært", 0,
             "Konten Ramadan di Instagram: interaksi naik dua kali lipat"),
            ("misses", "Za późno zatwierdzamy treści <brief> & grafiki", 3, None),
            ("misses", "Laporan mingguan terlalu panjang;\ntidak ada yang membacanya", 2, None),
        ],
        [("Ingrid lager en felles publiseringskalender", "Ingrid Bjørnstad", "open")],
    ),
    "ParabolRetrospective_Pazarlama Ekibi_2026-5-6.csv": (
        "Parabol", "utf-8-sig", "sscc", "2026-Q2",
        [
            ("start", "Instagram reels ağırlığını artıralım", 5, "Reels ağırlığı"),
            ("start", 'Kısa videolar için "hook" kütüphanesi, ilk 3 saniye', 0, "Reels ağırlığı"),
            ("stop", "Gece yarısından sonra paylaşım yapmayı bırakalım,\nkimse görmüyor", 3, None),
            ("continue", "Haftalık bülten: açılma oranı %41, devam", 2, None),
            ("continue", "Şirket sayfasında çalışan hikâyeleri; ğışçöü ĞİŞÇÖÜ", 0, None),
        ],
        [("Ayşe: reels takvimini çıkar, 15 Mayıs'a kadar", "Ayşe", "open")],
    ),
    "easyretro-data.csv": (
        "EasyRetro (FunRetro)", "utf-8", "hml", None,
        [
            ("hits", "Fler följare på LinkedIn efter medarbetarinläggen", 0, None),
            ("hits", 'Vår "Fråga experten"-serie, 1 200 visningar', 0, None),
            ("hits", "Snabbare godkännande av annonser", 0, None),
            ("misses", "För många kanaler, för lite tid\nvi hinner inte svara på kommentarer", 0,
             None),
            ("misses", "Rapporten kom en vecka för sent", 0, None),
        ],
        [("Åsa: gör en kanalplan för Q3", "Åsa", "open")],
    ),
    "pemasaran-digital-retro-4-16-2026.csv": (
        "RetroQuest", "utf-8", "hml", "2026-Q2",
        [
            ("hits", "Kampanye Lebaran: penjualan online naik 27%", 6, None),
            ("hits", 'Tim desain cepat; banner "Lebaran Sale" jadi dalam sehari', 3, None),
            ("learned", "Siapa yang pegang akun TikTok & YouTube?", 2, None),
            ("misses", "Iklan Facebook: CPC naik, konversi turun", 4, None),
            ("misses", "#brief datang terlambat, lagi", 0, None),
        ],
        [
            ("Buat daftar pemilik semua akun media sosial", "Rina", "open"),
            ("Evaluasi agensi iklan, bandingkan CPC", "Budi, Sari", "done"),
        ],
    ),
    "retrospected-summary.md": (
        "Retrospected", "utf-8", "sscc", "2026-Q2",
        [
            ("start", "Stories med afstemninger hver fredag", 4, None),
            ("start", "Annoncer på Pinterest for haveprodukter\nbudget: 8.000 kr.", 2, None),
            ("stop", "Tre kampagner i samme uge forvirrer kunderne", 3,
             "For mange kampagner på én gang"),
            ("stop", "Vi når ikke at måle effekten før næste kampagne", 2,
             "For mange kampagner på én gang"),
            ("stop", "Købte følgere – det skader rækkevidden", 1, None),
            ("continue", "Månedlig rapport på én side, også på æøå-sprog", 0, None),
        ],
        [("Søren laver en skabelon", "Unassigned", "open")],
    ),
    "postfacto-archive.json": (
        "Postfacto", "utf-8", "hml", "2026-Q2",
        [
            ("hits", "Kampania z influencerką: 1,2 mln wyświetleń, świetne komentarze", 5, None),
            ("hits", "Współpraca z działem sprzedaży & obsługą klienta", 2, None),
            ("learned", "Nie wiemy, czy TikTok przynosi sprzedaż <brak danych>", 3, None),
            ("misses", "Zgłoszenia reklamacji na Facebooku czekały po 3 dni\nza długo!", 4, None),
            ("misses", "Źle ustawione kierowanie – pół budżetu poszło poza Polskę", 1, None),
        ],
        [
            ("Marta: dashboard sprzedaży z TikToka do 15.07", "Marta", "open"),
            ("Zmienić kierowanie kampanii na Polskę (Łódź, Gdańsk)", "Unassigned", "done"),
        ],
    ),
    "excel-karteczki-pl-cp1250.csv": (
        "Spreadsheet of sticky notes", "cp1250", "sscc", None,
        [
            ("stop", "Kupowanie lajków", 0, None),
            ("stop", "Zużywają za dużo budżetu na bannery", 0, None),
            ("start", "Wideo na YouTube Shorts", 0, None),
            ("start", 'Konkurs "Mój ogród"', 0, None),
            ("start", "Współpraca z blogerami kulinarnymi\n(Kraków, Wrocław)", 0, None),
            ("continue", "Newsletter co tydzień", 0, None),
            ("change", "Mniej postów; więcej jakości", 0, None),
            ("change", "Raport miesięczny krótszy", 0, None),
        ],
        [],
    ),
    "excel-yapiskan-notlar-tr-cp1254.csv": (
        "Spreadsheet of sticky notes", "cp1254", "sscc", None,
        [
            ("stop", "Satın alınmış takipçiler", 0, None),
            ("stop", "Gece 02.00 paylaşımları", 0, None),
            ("start", "Başla: TikTok'ta kısa tarifler", 0, None),
            ("start", "Öğrencilere özel indirim kodu", 0, None),
            ("continue", "Aylık bülten", 0, None),
            ("continue", "Müşteri yorumlarına 24 saatte yanıt", 0, None),
            ("change", "Reklam bütçesini çeyrek başında değil, ay ay ayarla", 0, None),
        ],
        [],
    ),
}


def cards_of(db, workshop_id: int) -> list[tuple]:
    query = """SELECT c.column_key, c.text, c.imported_dots, g.title FROM cards c
               LEFT JOIN card_groups g ON g.id = c.group_id WHERE c.workshop_id = ? ORDER BY c.id"""
    return [tuple(r) for r in db.execute(query, [workshop_id]).fetchall()]


def actions_of(db, workshop_id: int) -> list[tuple]:
    query = "SELECT text, owner, status FROM actions WHERE workshop_id = ? ORDER BY id"
    return [tuple(r) for r in db.execute(query, [workshop_id]).fetchall()]


def count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_every_fixture_is_listed():
    found = [p.name for p in FIXTURES.iterdir() if p.name not in ("README.md", ".gitattributes")]
    assert sorted(found) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_known_export_imports_as_a_workshop_with_defaults(db, name):
    fmt, encoding, exercise, quarter, cards, actions = EXPECTED[name]
    data = (FIXTURES / name).read_bytes()
    board = read(data, name)
    assert (board.format, board.encoding) == (fmt, encoding)
    made = importer.new_workshop(db, board, team="Nordlys Marketing", data=data, file_name=name)
    assert made.workshop.exercise == exercise
    if quarter:
        assert made.workshop.quarter == quarter
    assert cards_of(db, made.workshop.id) == cards  # texts byte for byte, dots, groups
    assert actions_of(db, made.workshop.id) == actions
    assert made.workshop.phase == "discuss"
    assert check.problems(db) == []  # the file keeps every rule of the app


def test_a_scrumlr_board_keeps_its_authors_and_title(db):
    name = "scrumlr-2026-06-18_Retro Q2.json"
    data = (FIXTURES / name).read_bytes()
    made = importer.new_workshop(db, read(data, name), team="Nordlys", data=data)
    assert made.workshop.title == "Retro Q2 – Social & Content"
    assert made.workshop.held_on == "2026-06-18"
    assert not made.workshop.anonymous  # the tool showed who wrote what
    board = summary.load(db, made.workshop.id)
    authors = {c.text[:8]: c.author for col in board.columns for i in col.items for c in i.cards}
    assert authors["Kampania"] == "Katarzyna Żółkowska"
    assert authors["Reels me"] == "Ingrid Bjørnstad"


def test_an_anonymous_workshop_takes_the_cards_but_not_the_authors(room):
    name = "scrumlr-2026-03-27_Kvartalsretro Q1.csv"
    data = (FIXTURES / name).read_bytes()
    preview = importer.plan(read(data, name), exercises.SSCC)
    before = count(room.db, "participants")
    saved = importer.save(
        room.db, room.workshop.id, room.secret, preview, fingerprint=importer.fingerprint(data)
    )
    assert (saved.cards, saved.authors) == (7, 0)
    assert count(room.db, "participants") == before
    query = "SELECT COUNT(*) FROM cards WHERE workshop_id = ? AND participant_id IS NOT NULL"
    assert room.db.execute(query, [room.workshop.id]).fetchone()[0] == 0


def test_saving_needs_the_facilitator_secret_and_an_open_workshop(room):
    name = "easyretro-data.csv"
    data = (FIXTURES / name).read_bytes()
    preview = importer.plan(read(data, name), exercises.SSCC)
    with pytest.raises(NotAllowed, match="Only the facilitator"):
        importer.save(room.db, room.workshop.id, "wrong", preview, fingerprint="x")
    room.phase("closed")
    with pytest.raises(NotAllowed, match="closed"):
        importer.save(room.db, room.workshop.id, room.secret, preview, fingerprint="x")
    assert cards_of(room.db, room.workshop.id) == []


def test_a_second_import_of_the_same_file_adds_nothing_unless_asked(room):
    name = "ParabolRetrospective_Pazarlama Ekibi_2026-5-6.csv"
    data = (FIXTURES / name).read_bytes()
    preview = importer.plan(read(data, name), exercises.SSCC)
    save = {"fingerprint": importer.fingerprint(data), "file_name": name}
    assert importer.save(room.db, room.workshop.id, room.secret, preview, **save).cards == 5
    revision = workshops.revision(room.db, room.workshop.id)
    with pytest.raises(AlreadyImported, match="imported into this workshop already"):
        importer.save(room.db, room.workshop.id, room.secret, preview, **save)
    assert len(cards_of(room.db, room.workshop.id)) == 5
    assert workshops.revision(room.db, room.workshop.id) == revision
    again = importer.save(room.db, room.workshop.id, room.secret, preview, **save, again=True)
    assert again.cards == 5 and len(cards_of(room.db, room.workshop.id)) == 10


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_our_own_exports_import_back_whole(demo_db, kind):
    db = demo_db
    source = max(
        workshops.list_workshops(db),
        key=lambda w: db.execute(
            "SELECT COUNT(*) FROM cards WHERE workshop_id = ?", [w.id]
        ).fetchone()[0],
    )
    data = (csv_export.to_csv if kind == "csv" else json_export.to_json)(db, source.id)
    board = read(data, f"export.{kind}")
    assert board.format == "Strategy workshop export"
    made = importer.new_workshop(
        db, board, team="Round trip", data=data, exercise=source.exercise, quarter=source.quarter
    )

    def dotted(workshop_id: int) -> list[tuple]:
        query = """SELECT c.column_key, c.text, COALESCE(g.title, ''),
                   c.imported_dots + (SELECT COUNT(*) FROM votes v WHERE v.card_id = c.id)
                   FROM cards c LEFT JOIN card_groups g ON g.id = c.group_id
                   WHERE c.workshop_id = ? ORDER BY 1, 2"""
        return [tuple(r) for r in db.execute(query, [workshop_id]).fetchall()]

    def acts(workshop_id: int) -> list[tuple]:
        query = """SELECT kind, text, owner, COALESCE(due_on, ''), status FROM actions
                   WHERE workshop_id = ? ORDER BY text"""
        return [tuple(r) for r in db.execute(query, [workshop_id]).fetchall()]

    assert dotted(source.id) and any(n for *_, n in dotted(source.id))
    assert dotted(made.workshop.id) == dotted(source.id)
    assert acts(made.workshop.id) == [
        a if a[4] == "done" else (*a[:4], "open") for a in acts(source.id)
    ]


def test_a_team_history_becomes_several_workshops_from_the_command_line(db_path):
    files = [str(FIXTURES / n) for n in ("postfacto-archive.json", "retrospected-summary.md")]
    result = CliRunner().invoke(cli, ["import-cards", *files, "--team", "E-commerce", "--db",
                                      db_path])
    assert result.exit_code == 0, result.output
    assert "Postfacto → workshop 1 (2026-Q2, Hits / Misses" in result.output
    assert "Retrospected → workshop 2 (2026-Q2, Stop / Start" in result.output
    listed = CliRunner().invoke(cli, ["list", "--db", db_path])
    assert listed.output.count("E-commerce") == 2


def test_import_cards_needs_no_option_for_a_known_format(room, db_path):
    file = str(FIXTURES / "scrumlr-2026-03-27_Kvartalsretro Q1.csv")
    runner = CliRunner()
    args = ["import-cards", file, "--workshop", str(room.workshop.id), "--db", db_path]
    done = runner.invoke(cli, args)
    assert done.exit_code == 0, done.output
    assert "Cards: 7, groups: 1, actions: 0." in done.output
    again = runner.invoke(cli, args)
    assert again.exit_code == 1 and "imported into this workshop already" in again.output
    assert len(cards_of(room.db, room.workshop.id)) == 7
    forced = runner.invoke(cli, [*args, "--again"])
    assert forced.exit_code == 0 and len(cards_of(room.db, room.workshop.id)) == 14


def test_new_prints_the_id_first_then_the_links(db_path, db):
    result = CliRunner().invoke(
        cli,
        ["new", "--db", db_path, "--team", "Brand", "--quarter", "2026-Q2", "--exercise", "hml",
         "--title", "Spring sale"],
    )
    assert result.exit_code == 0, result.output
    first, facilitator, participant = result.output.splitlines()
    workshop = workshops.get_workshop(db, int(first))
    assert (workshop.team_name, workshop.quarter, workshop.exercise) == ("Brand", "2026-Q2", "hml")
    assert f"code={workshop.code}&key=" in facilitator
    assert participant.endswith(f"/board?code={workshop.code}")
    bad = CliRunner().invoke(cli, ["new", "--team", "B", "--quarter", "2026-Q9", "--exercise",
                                   "sscc", "--db", db_path])
    assert bad.exit_code == 1 and "quarter" in bad.output.casefold()


RETRO_BOARD = (
    "Category;Card text;Votes\r\n"
    'Went well;"Newsletter; clean list";3\r\n'
    "Stop;Boosting posts;2\r\n"
    'start;"=HYPERLINK(""x"")";0\r\n'
    "Continue;;1\r\n"
    "Keep;Gear guides\r\n"
)


def test_a_csv_of_no_known_tool_is_mapped_by_hand(room, db_path, tmp_path):
    table = read(RETRO_BOARD.encode("utf-8-sig"))
    assert table.headers == ["Category", "Card text", "Votes"]
    guessed = importer.table_guesses(table)
    assert (guessed["text"], guessed["category"], guessed["votes"]) == (
        "Card text", "Category", "Votes"
    )
    board = importer.from_table(table, "Card text", "Category", votes="Votes")
    preview = importer.plan(
        board, exercises.SSCC, {"Keep": "continue", "Went well": "skip"}, category="Category"
    )
    assert [(r.line, r.column_key, r.problem is None, r.skipped) for r in preview.rows] == [
        (2, None, True, True),
        (3, "stop", True, False),
        (4, "start", True, False),
        (5, "continue", False, False),
        (6, "continue", True, False),
    ]
    assert preview.rows[3].problem == "Row 5, column “Continue”: Card cannot be empty."
    unmapped = importer.plan(board, exercises.SSCC, category="Category")
    problem = unmapped.rows[0].problem
    assert problem.startswith("Row 2, column “Category”: no column of this exercise is called")
    assert "Valid column keys: stop, start, continue, change, actions, skip." in problem
    assert "The file's headers: Category, Card text, Votes." in problem

    source = tmp_path / "board.csv"
    source.write_bytes(RETRO_BOARD.encode("utf-8"))
    base = ["import-cards", str(source), "--workshop", str(room.workshop.id), "--db", db_path]
    unknown = CliRunner().invoke(cli, base)
    assert unknown.exit_code == 1 and "Category, Card text, Votes" in unknown.output
    mapped = [*base, "--text-column", "Card text", "--column-column", "Category",
              "--map", "Keep=continue", "--map", "Went well=skip"]
    refused = CliRunner().invoke(cli, mapped)
    assert refused.exit_code == 1 and "1 of 5 rows cannot be imported" in refused.output
    assert cards_of(room.db, room.workshop.id) == []
    done = CliRunner().invoke(cli, [*mapped, "--skip-bad-rows"])
    assert done.exit_code == 0, done.output
    assert [c[:2] for c in cards_of(room.db, room.workshop.id)] == [
        ("stop", "Boosting posts"), ("start", '=HYPERLINK("x")'), ("continue", "Gear guides")
    ]


def test_a_tool_column_that_names_ours_maps_itself():
    assert column_for("What went well?", exercises.HML) == "hits"
    assert column_for("MISSES", exercises.HML) == "misses"
    assert column_for("What we learned", exercises.HML) == "learned"
    assert column_for("Action items", exercises.SSCC) == "actions"
    assert column_for("Went well", exercises.SSCC) is None


SCRUMLR_JSON = (FIXTURES / "scrumlr-2026-06-18_Retro Q2.json").read_bytes()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "it holds binary data"),
        (b"Text,Column\nfine,stop\nnul\x00here,stop\n", "it holds binary data"),
        (SCRUMLR_JSON[: len(SCRUMLR_JSON) // 2], "The JSON file cannot be read"),
        (b'{"hello": "world"}', "none of the exports read here"),
        (b'{"board": {}, "columns": [], "notes": [{}]}', "looks like a scrumlr.io export"),
        (b'a,b\n"open quote,2\nx,y\n', "Row 2 cannot be read"),
        (b'a,b\n"closed" then more,2\n', "Row 2 cannot be read"),
        (b"a,b\n1,2,3\n", "Row 2 has 3 cells but the header has 2"),
        (b"text\n", "The file has a header but no rows under it."),
        (b"a\n" + b"x" * (50 * 1024 * 1024), "The file is larger than 10 MB."),
        (b"a\n" + b"x\n" * 5_002, "The file has more than 5000 rows."),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(room, data, message):
    before = (count(room.db, "cards"), count(room.db, "imports"))
    with pytest.raises(InvalidInput) as raised:
        found = read(data, "upload")
        board = found if isinstance(found, importer.ImportedBoard) else importer.from_table(
            found, found.headers[0]
        )
        importer.save(
            room.db, room.workshop.id, room.secret, importer.plan(board, exercises.SSCC),
            fingerprint=importer.fingerprint(data),
        )
    assert message in str(raised.value)
    assert (count(room.db, "cards"), count(room.db, "imports")) == before


def test_a_markdown_file_of_another_tool_is_refused_by_name():
    with pytest.raises(InvalidInput, match="not a Retrospected summary"):
        read(b"# Notes\n\n- one\n- two\n", "notes.md")


def test_a_dry_run_lists_every_row_and_saves_nothing(room, db_path):
    file = str(FIXTURES / "retrospected-summary.md")
    result = CliRunner().invoke(
        cli, ["import-cards", file, "--workshop", str(room.workshop.id), "--dry-run",
              "--map", "Continue=skip", "--db", db_path]
    )
    assert result.exit_code == 0, result.output
    assert "to import: 6. Rows that cannot be imported: 0. Rows skipped: 1." in (
        result.stdout
    )
    # A Markdown post's row is its line in the file.
    assert "Row 43: skip: Månedlig rapport på én side, også på æøå-sprog" in result.stderr
    assert "Row 27: start: Stories med afstemninger hver fredag" in result.stderr
    assert cards_of(room.db, room.workshop.id) == []


def test_a_bad_vote_count_names_its_row_column_and_the_headers():
    data = (FIXTURES / "pemasaran-digital-retro-4-16-2026.csv").read_bytes()
    broken = data.replace(b",6,yes", b",enam,yes")
    with pytest.raises(InvalidInput) as raised:
        read(broken)
    assert str(raised.value) == (
        "Row 2, column “Likes”: “enam” is not a whole number of votes. The file's headers: "
        "Column, Message, Likes, Completed, Assigned To."
    )


def test_spreadsheet_encodings_are_found_and_can_be_overridden():
    polish = "Stop;Start\r\nZużywają za dużo;Łączyć kampanie\r\n".encode("cp1250")
    assert decode(polish).encoding == "cp1250"
    assert read(polish).cards[0].text == "Zużywają za dużo"
    turkish = "Text;Column\r\nBaşla: reels ağırlığı;Start\r\n".encode("cp1254")
    assert decode(turkish).encoding == "cp1254"
    assert decode(turkish).text.startswith("Text;Column\r\nBaşla")
    assert decode(polish, "cp1252").text.startswith("Stop;Start\r\nZu¿ywaj¹")  # as asked
    assert decode("Zoë’s idea".encode("utf-16")).encoding == "utf-16"
    with pytest.raises(InvalidInput, match="not UTF-8 text"):
        decode(polish, "utf-8")


def test_standard_csv_quoting_is_read_as_written():
    data = b'id,text,column\n1,"Drop the ""Tips"" series, CTR 0,4 %",Stop\n2,"two\r\nlines",x\n'
    table = read_table(decode(data).text)
    assert table.rows == [
        ["1", 'Drop the "Tips" series, CTR 0,4 %', "Stop"],
        ["2", "two\r\nlines", "x"],
    ]
    assert read_table(";x;x\n1;2;3\n").headers == ["Column 1", "x", "x (3)"]


_SEPARATORS = {",": ";\t|", ";": ",\t|", "\t": ",;|"}


@st.composite
def tables(draw):
    encoding = draw(st.sampled_from(("utf-8", "utf-8-sig", "utf-16", *CODE_PAGES)))
    separator = draw(st.sampled_from(sorted(_SEPARATORS)))
    width = draw(st.integers(1, 4))

    def fits(ch: str) -> bool:
        try:
            ch.encode(encoding)
        except UnicodeEncodeError:
            return False
        return ch not in _SEPARATORS[separator] and ch not in "\x00\ufeff"

    cell = st.text(
        st.characters(exclude_categories=("Cs", "Cc"), include_characters='\n\r"')
        .filter(fits),
        max_size=12,
    )
    row = st.lists(cell, min_size=width, max_size=width).filter(
        lambda r: any(c.strip() for c in r)
    )
    return encoding, separator, draw(st.lists(row, min_size=1, max_size=6))


@settings(max_examples=200, deadline=None)
@given(tables())
def test_any_table_written_by_python_reads_back_cell_for_cell(example):
    encoding, separator, rows = example
    headers = [f"h{n}" for n in range(len(rows[0]))]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=separator).writerows([headers, *rows])
    data = buffer.getvalue().encode(encoding)
    # An 8-bit code page cannot be told from another by every text: say which one.
    decoded = decode(data, encoding if encoding in CODE_PAGES else None)
    table = read_table(decoded.text)
    assert table.headers == headers
    assert table.rows == rows


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda s: s.encode("utf-8")),
        st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=4), max_size=6).map(
            lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8")
        ),
    )
)
def test_any_file_is_imported_whole_or_refused_with_nothing_saved(room, data):
    db = room.db
    before = cards_of(db, room.workshop.id)
    try:
        found = read(data)
        board = found if isinstance(found, importer.ImportedBoard) else importer.from_table(
            found, found.headers[0]
        )
        preview = importer.plan(board, exercises.SSCC)
        saved = importer.save(
            db, room.workshop.id, room.secret, preview, fingerprint=importer.fingerprint(data),
            again=True,
        )
    except InvalidInput as error:
        assert str(error)  # a message the page can show
        assert cards_of(db, room.workshop.id) == before
        return
    after = cards_of(db, room.workshop.id)
    assert after[: len(before)] == before
    assert saved.cards == len(after) - len(before)


def test_the_utf16_byte_order_mark_is_not_part_of_the_first_header():
    data = codecs.BOM_UTF16_LE + "Stop\tStart\r\nA\tB\r\n".encode("utf-16-le")
    board = read(data)
    assert board.columns == ["Stop", "Start"]


def test_the_migration_keeps_imported_dots_apart_and_remembers_imports(demo_db):
    columns = {r[1] for r in demo_db.execute("PRAGMA table_info(cards)").fetchall()}
    assert "imported_dots" in columns
    assert "m007_imported_history" in {
        r[0] for r in demo_db.execute("SELECT name FROM _sqlite_migrations").fetchall()
    }
    assert count(demo_db, "imports") == 0
    assert demo_db.execute("SELECT SUM(imported_dots) FROM cards").fetchone()[0] == 0


def test_a_team_history_imports_file_by_file_and_a_bad_one_adds_nothing(room):
    files = [
        (name, (FIXTURES / name).read_bytes())
        for name in ("easyretro-data.csv", "postfacto-archive.json")
    ]
    files.insert(1, ("broken.json", b'{"retro": {"items": [{"description": 1}]}}'))
    files.append(("plain.csv", b"Notes\nfirst\n"))
    before = len(workshops.list_workshops(room.db))
    done = importer.import_history(room.db, files, team=room.workshop.team_name,
                                   secret=room.secret)
    assert [d.file_name for d in done if d.made] == ["easyretro-data.csv", "postfacto-archive.json"]
    assert "looks like a Postfacto export" in done[1].problem
    assert "import it on its own" in done[3].problem
    assert len(workshops.list_workshops(room.db)) == before + 2
    made = done[2].made.workshop
    assert made.team_id == room.workshop.team_id
    assert workshops.is_facilitator(room.db, made.id, room.secret)  # the same key opens it


def test_imported_votes_show_on_the_board_and_lead_its_order(db):
    name = "scrumlr-2026-03-27_Kvartalsretro Q1.csv"
    data = (FIXTURES / name).read_bytes()
    made = importer.new_workshop(db, read(data, name), team="Nordlys", data=data, file_name=name)
    current = workshops.get_workshop(db, made.workshop.id)
    shown = board.load(db, current, facilitator=True)
    stored = dict(db.execute(
        "SELECT text, imported_dots FROM cards WHERE workshop_id = ?", [current.id]
    ).fetchall())
    assert any(stored.values())  # the fixture carries votes
    for column in shown.columns:
        imported = [item.imported for item in column.items]
        assert imported == sorted(imported, reverse=True)  # most votes first
        for item in column.items:
            assert item.imported == sum(stored[c.text] for c in item.cards)
    at_top = max((i for c in shown.columns for i in c.items), key=lambda i: i.imported)
    note = t("{n} votes on the imported board", n=at_top.imported)
    assert note in board_view._meta(shown, at_top)
