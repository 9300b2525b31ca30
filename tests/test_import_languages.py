"""A board's columns are recognised by their names in every language of the app."""

from __future__ import annotations

import pytest

from tests.support import catalogue_with
from workshop import exercises, i18n
from workshop.importers.columns import ACTIONS, column_for, exercise_for, guess

SSCC_NAMES = {
    "da": ["Stop", "Start", "Fortsæt", "Ændr"],
    "sv": ["Stoppa", "Börja", "Fortsätt", "Ändra"],
    "pl": ["Przestań", "Zacznij", "Kontynuuj", "Zmień"],
    "tr": ["Durdur", "Başla", "Devam et", "Değiştir"],
    "id": ["Berhenti", "Mulai", "Lanjutkan", "Ubah"],
}
HML_NAMES = {
    "da": ["Det gik godt", "Det gik dårligt", "Det har vi lært"],
    "sv": ["Träffar", "Missar", "Lärdomar"],
    "pl": ["Trafienia", "Pudła", "Czego się nauczyliśmy"],
    "tr": ["İSABETLER", "ISKALAR", "Öğrendiklerimiz"],
    "id": ["Yang berhasil", "Yang meleset", "Yang kami pelajari"],
}


@pytest.mark.parametrize("lang", list(SSCC_NAMES))
def test_stop_start_continue_change_columns_are_recognised_in_each_language(lang):
    names = SSCC_NAMES[lang]
    assert [column_for(n, exercises.SSCC) for n in names] == [
        "stop", "start", "continue", "change",
    ]
    assert exercise_for(names) is exercises.SSCC
    # in another order, each still goes where its name says
    assert guess(list(reversed(names)), exercises.SSCC) == dict(
        zip(reversed(names), ["change", "continue", "start", "stop"], strict=True)
    )


@pytest.mark.parametrize("lang", list(HML_NAMES))
def test_hits_misses_learned_columns_are_recognised_in_each_language(lang):
    names = HML_NAMES[lang]
    assert [column_for(n, exercises.HML) for n in names] == ["hits", "misses", "learned"]
    assert exercise_for(names) is exercises.HML


@pytest.mark.parametrize("name", ["Handlinger", "Åtgärder", "Działania", "Aksiyonlar", "Tindakan"])
def test_action_columns_are_recognised_in_each_language(name):
    assert column_for(name, exercises.SSCC) == ACTIONS


def test_canvas_columns_are_recognised_in_each_language():
    names = ["Płatne", "Zdobyte", "Współdzielone", "Własne"]
    assert [column_for(n, exercises.CANVAS) for n in names] == ["paid", "earned", "shared", "owned"]
    assert exercise_for(["Betalt", "Fortjent", "Delt", "Ejet"]) is exercises.CANVAS


def test_a_name_of_no_column_is_not_guessed():
    assert column_for("Kommentarer", exercises.SSCC) is None
    assert column_for("Uwagi", exercises.SSCC) is None


def test_a_translators_title_is_recognised_too():
    i18n.add_catalogue("sv", catalogue_with("sv", {"Continue": "Behåll"}))
    try:
        assert column_for("Behåll", exercises.SSCC) == "continue"
    finally:
        i18n.remove_catalogue("sv")
    assert column_for("Behåll", exercises.SSCC) is None
