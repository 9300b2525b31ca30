"""One English word, two meanings: "Record" (the button, the kind of a CSV row), "Group"
(the phase, a group of cards) and "Owner" (a channel's, an action's). Each is its own
entry in the catalogue, so Polish, read here from its real catalogue, writes each
meaning its own way."""

from __future__ import annotations

import csv
import io

import pytest

from tests.support import app
from workshop import actions, cards, csv_export, exports, i18n, summary, validate, workshops
from workshop.errors import InvalidInput
from workshop.i18n import t
from workshop.phases import Phase


def in_discuss(room) -> int:
    card = cards.add_card(room.db, room.anna.token, "stop", "Stop boosting every post")
    for phase in ("reveal", "group", "vote", "discuss"):
        room.phase(phase)
    return card.id


def polish_csv_header(room) -> dict[str, str]:
    """The Excel CSV's column titles of a Polish workshop, by column key."""
    workshops.set_language(room.db, room.workshop.id, room.secret, "pl")
    text = exports.export(room.db, room.workshop.id, "excel.csv").decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=";"))
    return dict(zip(csv_export.HEADER, header, strict=True))


def test_polish_records_a_decision_with_zapisz_and_names_a_rows_kind_rodzaj(room, monkeypatch):
    card_id = in_discuss(room)
    form = f"action-card-{card_id}"
    # A page run on its own skips the entry point that reads ?lang=: the server's language.
    monkeypatch.setenv("WORKSHOP_LANG", "pl")
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    at.session_state[f"{form}-open"] = True  # the Decision-or-action popover opens
    at.run()
    assert not at.exception
    assert at.button(key=f"{form}-submit").label == "Zapisz"
    assert polish_csv_header(room)["record"] == "Rodzaj"


def test_polish_calls_the_phase_grupowanie_and_a_group_of_cards_grupa(room):
    with i18n.using("pl"):
        assert t(Phase.GROUP.label) == "Grupowanie"
    assert polish_csv_header(room)["group"] == "Grupa"


def test_polish_gives_a_channel_an_owner_and_an_action_a_person_responsible(room):
    in_discuss(room)
    actions.add_action(room.db, room.workshop.id, room.secret, kind="action",
                       text="Brief the agency", owner="Ben")
    assert polish_csv_header(room)["owner"] == "Odpowiedzialny"
    with i18n.using("pl"):
        written = summary.markdown(room.db, room.workshop.id)
        with pytest.raises(InvalidInput) as channel_owner:
            validate.optional_text("x" * 61, "owner", max_len=validate.NAME_MAX)
        with pytest.raises(InvalidInput) as action_owner:
            actions.add_action(room.db, room.workshop.id, room.secret, kind="action",
                               text="Brief the printer", owner="x" * 61)
    assert "| Odpowiedzialny |" in written and "Właściciel" not in written
    assert "„Właściciel”" in str(channel_owner.value)
    assert "„Odpowiedzialny”" in str(action_owner.value)
    assert action_owner.value.field == "action owner"  # the form shows it under its owner


def test_in_english_both_meanings_read_the_same_word(room):
    with i18n.using("en"):
        assert i18n.tp("kind of row", "Record") == t("Record") == "Record"
        assert i18n.t_marked(csv_export.HEADER_NAMES["group"]) == t(Phase.GROUP.label)
        assert i18n.t_marked(validate.FIELD_NAMES["action owner"]) == "Owner"


def test_an_open_entry_in_a_context_falls_back_to_english_and_leaves_the_other_meaning():
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale="pl")
    catalog.add("Record", "Zapisz")
    catalog.add("Record", "Zapisz", context="kind of row", flags=["fuzzy"])  # still to check
    catalog.add("Group", "", context="a group of cards")  # still to write
    po = io.BytesIO()
    write_po(po, catalog)
    po.seek(0)
    compiled = i18n.compiled(po)
    assert compiled.gettext("Record") == "Zapisz"
    assert compiled.pgettext("kind of row", "Record") == "Record"
    assert compiled.pgettext("a group of cards", "Group") == "Group"
