"""Import a board from another tool (or this app's own export): see what was recognised
and where every card goes, then save it into this workshop or as a new one."""

import pandas as pd
import streamlit as st

from workshop import exercises, importer
from workshop.errors import AlreadyImported, WorkshopError
from workshop.i18n import t, tp
from workshop.phases import Phase
from workshop.safe_text import literal
from workshop.ui import state
from workshop.ui.widgets import (
    SAVE_ERRORS,
    page_style,
    show_error,
    table,
    title,
    workshop_in_url,
)

FOUND = "__found__"
db = state.db()
page_style()
workshop = workshop_in_url()
st.page_link(
    "pages/board.py",
    label=t("Back to the board"),
    icon=":material/arrow_back:",
    query_params={"code": workshop.code},
)
secret = state.facilitator_secret(workshop)
title(t("Import cards into {title}", title=workshop.title), workshop.team_name)
if not secret:
    st.error(
        t("Only the facilitator can import cards: open this page from the facilitator's link."),
        icon="⚠️",
    )
    st.stop()
if workshop.phase is Phase.CLOSED:
    st.warning(t("The workshop is closed; it can only be read."))
    st.stop()

exercise = exercises.get(workshop.exercise)
names = {c.key: t(c.title) for c in exercise.columns}
targets = {
    "": t("Pick a column"),  # a value nothing names stays a problem until it is mapped
    **names,
    importer.ACTIONS: t("Action items"),
    importer.SKIP: t("Skip these cards"),
}
st.caption(
    t(
        "An export of scrumlr.io, Parabol, EasyRetro, RetroQuest, Retrospected or Postfacto, "
        "a spreadsheet of sticky notes, or any CSV file with one card a row. Nothing is saved "
        "until you press Import."
    )
)
done = state.take("wk_imported")
if done:
    st.success(done)
round_ = state.get("wk_import_round")  # a new round empties the picker
with st.expander(t("A team's history: several exports, each a new workshop")):
    history = st.file_uploader(
        t("Files"), type=["csv", "txt", "tsv", "json", "md"], accept_multiple_files=True,
        key=f"import-history-{round_}",
    )
    if st.button(
        t("Import {n} files as workshops of {team}", n=len(history or []), team=workshop.team_name),
        disabled=not history,
        key="import-history",
    ):
        results = importer.import_history(
            db, [(f.name, f.getvalue()) for f in history], team=workshop.team_name, secret=secret
        )
        for r in results:
            if r.made:
                st.success(
                    t(
                        "{file}: workshop “{title}”, {quarter}, {cards} cards.",
                        file=literal(r.file_name),
                        title=literal(r.made.workshop.title),
                        quarter=r.made.workshop.quarter,
                        cards=r.made.saved.cards,
                    )
                )
            else:
                st.error(t("{file}: {why}", file=literal(r.file_name), why=literal(r.problem)))
upload = st.file_uploader(
    t("File"), type=["csv", "txt", "tsv", "json", "md"], key=f"import-file-{round_}"
)
if upload is None:
    st.stop()
data = upload.getvalue()
picked = st.session_state.get("import-encoding", FOUND)
try:
    found = importer.read(data, upload.name, None if picked == FOUND else picked)
except SAVE_ERRORS as error:
    show_error(error)
    found = None
encoding_names = {FOUND: t("As found"), **importer.NAMES}
st.selectbox(
    t("Encoding"),
    list(encoding_names),
    format_func=encoding_names.get,
    key="import-encoding",
    help=t("Change it if letters such as ą, ş or ø look wrong in the preview."),
)
if found is None:
    st.stop()

category = None
if isinstance(found, importer.ImportedBoard):
    board = found
else:
    st.info(t("This CSV file is none of the known exports: say which columns hold what."))
    guessed = importer.table_guesses(found)
    headers = found.headers
    left, right = st.columns(2)
    text = left.selectbox(
        t("Which column holds the card text?"), headers,
        index=headers.index(guessed["text"]), key="import-text",
    )
    options = [None, *headers]

    def _optional(label: str, guess_key: str, key: str, container) -> str | None:
        at = options.index(guessed[guess_key]) if guessed[guess_key] else 0
        return container.selectbox(
            label, options, index=at, key=key, format_func=lambda h: h or t("None")
        )

    category = _optional(t("Which column says where a card goes?"), "category",
                         "import-category", right)
    votes = _optional(t("Which column holds its votes?"), "votes", "import-votes", left)
    author = _optional(t("Which column names its author?"), "author", "import-author", right)
    try:
        board = importer.from_table(found, text, category, votes=votes, author=author)
    except SAVE_ERRORS as error:
        show_error(error)
        st.stop()
    board.encoding = importer.read_encoding(data, None if picked == FOUND else picked)

st.markdown(
    t(
        "Recognised: **{format}**, {encoding}.",
        format=literal(board.format),
        encoding=importer.NAMES.get(board.encoding, board.encoding),
    )
)
guessed_mapping = importer.mapping_for(board, exercise)
mapping: dict[str, str] = {}
st.markdown(t("**Where each of the file's columns goes**"))
cells = st.columns(3)
choices = list(targets)
for n, name in enumerate(board.columns[: importer.MAX_VALUES]):
    guess = guessed_mapping.get(name) or ""
    mapping[name] = cells[n % 3].selectbox(
        literal(name) or t("(empty)"),  # a label renders Markdown
        choices,
        index=choices.index(guess),
        format_func=targets.get,
        key=f"import-map-{n}",
    )

preview = importer.plan(board, exercise, mapping, category=category)
st.subheader(t("Preview"))
table(
    pd.DataFrame(
        {
            t("Row"): r.line,
            t("Card"): r.text,
            t("Goes to"): targets.get(r.column_key, "—") if not r.skipped else t("Skipped"),
            t("Votes"): r.votes,
            tp("a group of cards", "Group"): r.group or "",
            t("Author or owner"): r.author or "",
            t("Problem"): r.problem or "",
        }
        for r in preview.rows[:200]
    )
)
if len(preview.rows) > 200:
    st.caption(t("The first 200 of {n} rows.", n=len(preview.rows)))
if preview.bad:
    st.warning(
        t("{n} rows have a problem: map their column or fix the file.", n=len(preview.bad))
    )
repeat = importer.already_imported(db, workshop.id, importer.fingerprint(data))
again = False
if repeat:
    st.warning(t("This file was imported into this workshop already."))
    again = st.checkbox(t("Import it again, adding its cards a second time"), key="import-again")
skip_bad = bool(preview.bad) and st.checkbox(
    t("Leave the rows with a problem out"), key="import-skip-bad"
)
cards = sum(1 for r in preview.good if r.action is None)
actions = len(preview.good) - cards
left, right = st.columns(2)
if left.button(
    t("Import {n} cards and {m} actions", n=cards, m=actions),
    type="primary",
    disabled=not preview.good or (repeat and not again) or (bool(preview.bad) and not skip_bad),
    key="import-save",
):
    try:
        saved = importer.save(
            db, workshop.id, secret, preview, fingerprint=importer.fingerprint(data),
            file_name=upload.name, again=again, skip_bad=skip_bad,
        )
    except (AlreadyImported, WorkshopError) as error:
        show_error(error)
    else:
        said = t(
            "Imported {n} cards, {g} groups and {a} actions from {file}.",
            n=saved.cards, g=saved.groups, a=saved.actions, file=literal(upload.name),
        )
        state.put("wk_imported", said)
        state.put("wk_import_round", round_ + 1)
        st.rerun()
if right.button(
    t("Make it a new workshop of {team}", team=workshop.team_name),
    disabled=bool(preview.bad) or not preview.good,
    key="import-new",
    help=t("Its quarter comes from the board's date and its exercise from its columns."),
):
    try:
        made = importer.new_workshop(
            db, board, team=workshop.team_name, data=data, file_name=upload.name, secret=secret
        )
    except SAVE_ERRORS as error:
        show_error(error)
    else:
        # The same key opens it; the board takes it from the address as from any link.
        st.switch_page(
            "pages/board.py", query_params={"code": made.workshop.code, "key": made.secret}
        )
