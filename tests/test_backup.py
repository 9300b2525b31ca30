"""Backup and restore: a round trip is identical, a bad file changes nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import backup, workshops
from workshop import db as database
from workshop.cli import cli
from workshop.errors import InvalidInput


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory) -> bytes:
    from workshop import demo

    db = database.connect(tmp_path_factory.mktemp("demo") / "demo.db")
    demo.load_demo(db)
    return backup.to_json(db)


def test_backup_restore_backup_is_identical(demo_backup, tmp_path):
    empty = database.connect(tmp_path / "empty.db")
    restored = backup.restore(empty, demo_backup)
    assert restored["cards"] > 90 and restored["campaigns"] == 8
    assert backup.to_json(empty) == demo_backup
    assert workshops.list_workshops(empty)  # the app reads what was restored


def test_the_command_line_backs_up_and_restores(demo_backup, tmp_path):
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    backup.restore(database.connect(source), demo_backup)
    runner = CliRunner()
    made = runner.invoke(cli, ["--db", str(source), "backup", "-o", str(tmp_path / "b.json")])
    assert made.exit_code == 0, made.output
    done = runner.invoke(cli, ["--db", str(target), "restore", str(tmp_path / "b.json")])
    assert done.exit_code == 0, done.output
    assert backup.to_json(database.connect(target)) == demo_backup
    asked = runner.invoke(cli, ["--db", str(target), "restore", str(tmp_path / "b.json")],
                          input="n\n")
    assert asked.exit_code != 0 and "Replace them all" in asked.output
    (tmp_path / "bad.json").write_text("{not json")
    bad = runner.invoke(cli, ["--db", str(target), "restore", "--yes", str(tmp_path / "bad.json")])
    assert bad.exit_code == 1 and "This is not a JSON file" in bad.output


def broken(document: bytes, change) -> bytes:
    data = json.loads(document)
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "This is not a backup of this app"),
        (lambda d: d["schema_version"].pop(0), "not one this app ever had"),
        (lambda d: d["tables"].pop("votes"), "must list exactly these tables"),
        (lambda d: d["tables"]["cards"][3].update(colour="red"), "cards[3]: unknown column"),
        (lambda d: d["tables"]["cards"][5].update(text=None), "cards[5]: “text” cannot be empty"),
        (lambda d: d["tables"]["votes"][0].update(card_id="x"), "votes[0]: “card_id” has"),
        (lambda d: d["tables"]["cards"][2].update(workshop_id=999), "points at a workshops row"),
        (lambda d: d["tables"]["workshops"][0].update(phase="party"), "phase “party”"),
        (lambda d: d["tables"]["cards"][0].update(column_key="maybe"), "column “maybe”"),
        (lambda d: d["tables"]["teams"].append(dict(d["tables"]["teams"][0])),
         "teams[1]: UNIQUE"),
        # What the app would refuse when typed, the backup may not bring in either.
        (lambda d: d["tables"]["cards"][5].update(text=""), "cards[5], “text”: Card cannot be"),
        (lambda d: d["tables"]["cards"][5].update(text="x" * 200_000), "cards[5], “text”: Card is"),
        (lambda d: d["tables"]["cards"][1].update(text="a\x00b"), "cards[1], “text”: It holds"),
        (lambda d: d["tables"]["cards"][1].update(text="bell\x07"), "cards[1], “text”"),
        (lambda d: d["tables"]["workshops"][1].update(quarter="garbage"),
         "workshops[1], “quarter”: Write the quarter like 2026-Q4."),
        (lambda d: d["tables"]["campaigns"][0].update(budget_planned=float("nan")),
         "campaigns[0], “budget planned”: Budget planned must be a number"),
        (lambda d: d["tables"]["campaigns"][0].update(budget_spent=float("inf")),
         "campaigns[0], “budget spent”"),
        (lambda d: d["tables"]["actions"][0].update(due_on="not a date"),
         "actions[0], “due_on”: Write the date like 2026-12-31."),
        (lambda d: d["tables"]["workshops"][0].update(code="x"), "workshops[0], “code”"),
        (lambda d: d["tables"]["workshops"][0].update(dots=-3), "workshops[0], “dots”"),
        (lambda d: d["tables"]["participants"][0].update(name=" Anna"), "participants[0], “name”"),
        (lambda d: d["tables"]["canvas_channels"][0].update(budget_share=180),
         "canvas_channels[0], “budget share”"),
        (lambda d: d["tables"]["teams"][0].update(created_at="yesterday"),
         "teams[0], “created_at”"),
        (lambda d: [d["tables"]["votes"].append(dict(v, id=v["id"] + 10_000))
                    for v in list(d["tables"]["votes"])], "dots"),
    ],
)
def test_a_bad_backup_says_where_and_changes_nothing(demo_backup, tmp_path, change, message):
    db = database.connect(tmp_path / "kept.db")
    backup.restore(db, demo_backup)
    with pytest.raises(InvalidInput) as refused:
        backup.restore(db, broken(demo_backup, change))
    assert message in str(refused.value)
    assert backup.to_json(db) == demo_backup


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.lists(st.integers(0, 40), min_size=1, max_size=4),
       value=st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
       | st.lists(st.integers(), max_size=2) | st.dictionaries(st.text(max_size=3), st.none()))
def test_any_damaged_backup_is_restored_whole_or_refused(demo_backup, tmp_path, path, value):
    db = database.connect(tmp_path / "fuzz.db")  # kept across examples: whatever it holds
    before = backup.to_json(db)
    damaged = json.loads(demo_backup)
    _set(damaged, path, value)
    try:
        backup.restore(db, damaged)
    except InvalidInput as error:
        assert str(error)
        assert backup.to_json(db) == before
    else:
        assert not backup.check.problems(db)


def _set(node, path: list[int], value) -> None:
    """Replace the value found by walking ``path`` (indices into keys or items)."""
    for step in path[:-1]:
        children = list(node) if isinstance(node, dict) else node
        if not isinstance(children, list) or not children:
            break
        key = children[step % len(children)]
        nxt = node[key] if isinstance(node, dict) else key
        if not isinstance(nxt, dict | list):
            break
        node = nxt
    if isinstance(node, dict) and node:
        node[list(node)[path[-1] % len(node)]] = value
    elif isinstance(node, list) and node:
        node[path[-1] % len(node)] = value
