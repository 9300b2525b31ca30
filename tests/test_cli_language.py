"""The `workshop` command speaks the server's language (WORKSHOP_LANG), English without it."""

import pytest
from click.testing import CliRunner

from workshop.cli import cli

POLISH = {"WORKSHOP_LANG": "pl"}


@pytest.fixture
def english(monkeypatch):
    monkeypatch.delenv("WORKSHOP_LANG", raising=False)


def test_an_empty_list_says_so_in_polish(db_path):
    said = CliRunner().invoke(cli, ["list"], env=POLISH)
    assert said.exit_code == 0, said.output
    assert said.output == "Nie ma jeszcze warsztatów. Wczytaj demo poleceniem: workshop demo\n"


def test_demo_list_and_check_speak_polish(db_path):
    runner = CliRunner()
    loaded = runner.invoke(cli, ["demo"], env=POLISH)
    assert loaded.exit_code == 0, loaded.output
    first, link = loaded.output.splitlines()
    assert first.startswith("Wczytano zespół demo: ") and first.endswith(f" do {db_path}")
    count = int(first.split(": ")[1].split()[0])
    # Polish counts 2-4 (not 12-14) as "warsztaty", 5 and more as "warsztatów".
    word = "warsztaty" if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14) else (
        "warsztatów")
    assert f"{count} {word} do" in first
    assert link.startswith("Otwórz go linkiem zespołu: http://localhost:8501/team?team=")

    listed = runner.invoke(cli, ["list"], env=POLISH).output.splitlines()
    assert len(listed) == count
    assert any("\tTrafienia / Pudła / Czego się nauczyliśmy\t" in row for row in listed)

    checked = runner.invoke(cli, ["check"], env=POLISH)
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith(f"{db_path}: nie znaleziono problemów (")
    assert "reguł i kontrole SQLite)." in checked.output


def test_help_of_the_command_and_its_options_is_polish(db_path):
    runner = CliRunner()
    shown = runner.invoke(cli, ["export", "--help"], env=POLISH).output
    assert "Eksportuj podsumowanie warsztatu albo jego karteczki, głosy i działania." in shown
    assert "md: do wklejenia; pdf lub html: do druku" in shown
    assert "Plik SQLite (albo ustaw WORKSHOP_DB)." in shown
    assert shown.startswith("Użycie: ") and "\nOpcje:\n" in shown
    assert "Pokaż tę pomoc i zakończ." in shown
    assert "[domyślnie: md]" in shown
    listed = runner.invoke(cli, ["--help"], env=POLISH).output
    assert "Kwartalne warsztaty strategiczne z wiersza poleceń." in listed
    assert "Wczytaj zespół demo z historią z czterech kwartałów." in listed
    assert "\nPolecenia:\n" in listed


def test_the_librarys_messages_come_out_in_polish(db_path, english):
    runner = CliRunner()
    in_english = runner.invoke(cli, ["export", "999"])
    in_polish = runner.invoke(cli, ["export", "999"], env=POLISH)
    assert in_english.exit_code == in_polish.exit_code == 1
    assert in_polish.output != in_english.output
    assert "999" in in_polish.output
    usage = runner.invoke(cli, ["import-cards", __file__], env=POLISH)
    assert "Podaj albo --workshop ID, albo --team NAME." in usage.output


def test_without_workshop_lang_it_stays_english(db_path, english):
    runner = CliRunner()
    assert runner.invoke(cli, ["list"]).output == (
        "No workshops yet. Load the demo with: workshop demo\n"
    )
    shown = runner.invoke(cli, ["export", "--help"]).output
    assert "Export a workshop's summary, or its cards, votes and actions." in shown
    assert "md: to paste; pdf or html: to print" in shown
    assert shown.startswith("Usage: ") and "\nOptions:\n" in shown
    assert "Show this message and exit." in shown
    assert "[default: md]" in shown
    loaded = runner.invoke(cli, ["demo"])
    assert loaded.output.startswith("Loaded the demo team: ")
    assert "workshops into" in loaded.output
