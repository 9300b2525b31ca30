"""The demo team in every language: the same team, quarters and numbers as the English
one, its texts in the language, and the same recurring themes found in them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop import channels, demo, i18n, teams, themes, workshops
from workshop import db as database

TRANSLATED = sorted(set(i18n.LANGUAGES) - {i18n.SOURCE})
# Values that are the same in every language: choices, dates, names of platforms.
KEPT = {
    "kind", "role", "stage", "status", "kpi_level", "fit_sell", "fit_buy", "fit_ours",
    "effort", "reason", "column", "kpi_unit", "quarter", "held_on", "starts_on", "ends_on",
    "kpi_due_on", "last_post_on", "due_on", "platform", "account", "channels", "exercise",
}


def differences(english: object, other: object, path: str = "") -> list[str]:
    """Where ``other`` is not the English file's shape: a key, a length, a number or a
    kept value differs. Texts may differ; card texts used as keys ("votes") may too."""
    if isinstance(english, dict) and isinstance(other, dict):
        if path.endswith("votes"):
            same = sorted(english.values()) == sorted(other.values())
            return [] if same else [f"{path}: dots differ"]
        if english.keys() != other.keys():
            return [f"{path}: keys {sorted(english.keys() ^ other.keys())}"]
        return [d for k in english for d in differences(english[k], other[k], f"{path}.{k}")]
    if isinstance(english, list) and isinstance(other, list):
        if len(english) != len(other):
            return [f"{path}: {len(english)} items, not {len(other)}"]
        return [d for n, (a, b) in enumerate(zip(english, other, strict=True))
                for d in differences(a, b, f"{path}[{n}]")]
    if isinstance(english, str) and isinstance(other, str):
        key = path.rsplit(".", 1)[-1].split("[")[0]
        # A channel the app knows by name keeps it; "Mountain guides" is words.
        kept = key in KEPT and (key != "platform" or english in channels.PLATFORMS)
        return [f"{path}: {other!r}"] if kept and english != other else []
    return [] if english == other else [f"{path}: {other!r} is not {english!r}"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_demo_in_each_language_is_the_english_team_in_other_words(language):
    written = demo.sample(language)
    assert written.name == f"demo_team.{language}.json"
    english = json.loads(demo.SAMPLE.read_text(encoding="utf-8"))
    other = json.loads(written.read_text(encoding="utf-8"))
    assert differences(english, other) == []
    # Its words are the language's: a card reads like its English one only where it is
    # names and figures ("Google Shopping: ROAS 5.8").
    english_cards = [c for w in english["workshops"] for col in w["cards"].values() for c in col]
    cards = [c for w in other["workshops"] for col in w["cards"].values() for c in col]
    same = sum(a == b for a, b in zip(english_cards, cards, strict=True))
    assert same <= len(cards) // 10


def recurring(language: str, folder: Path) -> tuple[set[str], list[tuple[int, int]]]:
    """The demo loaded in ``language``: its workshops' languages, and per exercise the
    themes found across quarters and how many are still not stopped."""
    db = database.connect(folder / f"{language}.db")
    with i18n.using(language):
        demo.load_demo(db)
    team = teams.list_teams(db)[0]
    quarters = sorted({w.quarter for w in workshops.list_workshops(db)})
    counts = []
    for exercise in ("sscc", "hml", "canvas"):
        cards = themes.team_cards(db, team.id, quarters, exercise)
        found = themes.find(cards, themes.decisions(db, [c.id for c in cards]))
        counts.append((len(found), sum(1 for theme in found if theme.stuck)))
    return workshops.languages(db), counts


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_demo_in_each_language_finds_the_themes_the_english_one_does(language, tmp_path):
    written_in, found = recurring(language, tmp_path)
    assert written_in == {language}
    _, in_english = recurring("en", tmp_path)
    for (themes_found, stuck), (english_themes, english_stuck) in zip(
        found, in_english, strict=True
    ):
        assert themes_found >= english_themes
        assert stuck >= english_stuck
