"""Import cards from another tool's CSV export: pick the columns, see a preview, then save."""

import pandas as pd
import streamlit as st

from workshop import exercises, importer, workshops
from workshop.errors import WorkshopError
from workshop.i18n import t
from workshop.safe_text import label, literal
from workshop.ui import state
from workshop.ui.widgets import page_style, show_error, title, workshop_in_url

SKIP = "__skip__"
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
if workshop.phase == "closed":
    st.warning(t("The workshop is closed; it can only be read."))
    st.stop()

exercise = exercises.get(workshop.exercise)
names = {c.key: t(c.title) for c in exercise.columns}
st.caption(
    t(
        "A CSV file from a spreadsheet or another retrospective board: one card a row. "
        "Nothing is saved until you press Import."
    )
)
done = st.session_state.pop("wk_imported", None)
if done:
    st.success(done)
round_ = st.session_state.setdefault("wk_import_round", 0)  # a new round empties the picker
upload = st.file_uploader(t("CSV file"), type=["csv", "txt", "tsv"], key=f"import-file-{round_}")
if upload is None:
    st.stop()
try:
    table = importer.read_csv(upload.getvalue())
except WorkshopError as error:
    show_error(error)
    st.stop()

left, right = st.columns(2)
text_column = left.selectbox(
    t("Which column holds the card text?"),
    table.headers,
    index=table.headers.index(importer.text_column(table.headers)),
    key="import-text",
)
guessed = importer.category_column(table.headers)
category = right.selectbox(
    t("Which column says where a card goes?"),
    [None, *table.headers],
    index=0 if guessed is None else table.headers.index(guessed) + 1,
    format_func=lambda h: h or t("None: all cards go to one column"),
    key="import-category",
)
mapping: dict[str, str | None] = {}
default = None
if category:
    st.markdown(t("**Where each value goes**"))
    choices = [*names, SKIP]
    found = importer.values(table, category)[: importer.MAX_VALUES]
    cells = st.columns(3)
    for n, value in enumerate(found):
        guess = importer.column_for(value, exercise)
        picked = cells[n % 3].selectbox(
            label(value) or t("(empty)"),  # a label renders Markdown
            choices,
            index=choices.index(guess or SKIP),
            format_func=lambda k: names.get(k, t("Skip these rows")),
            key=f"import-map-{n}",
        )
        mapping[value] = None if picked == SKIP else picked
else:
    default = st.selectbox(t("Board column"), list(names), format_func=names.get, key="import-into")

rows = importer.plan(table, exercise, text_column, category, mapping, default)
good = [r for r in rows if r.problem is None]
st.subheader(t("Preview"))
st.dataframe(
    pd.DataFrame(
        {
            t("Row"): r.line,
            t("Card"): r.text,
            t("Column"): names.get(r.column_key, "—"),
            t("Problem"): r.problem or "",
        }
        for r in rows[:200]
    ),
    hide_index=True,
    width="stretch",
)
if len(rows) > 200:
    st.caption(t("The first 200 of {n} rows.", n=len(rows)))
if len(good) < len(rows):
    st.warning(t("{n} rows have a problem and will be left out.", n=len(rows) - len(good)))
if st.button(
    t("Import {n} cards", n=len(good)), type="primary", disabled=not good, key="import-save"
):
    try:
        saved = importer.save(db, workshops.authorise(db, workshop.id, secret), rows)
    except WorkshopError as error:
        show_error(error)
    else:
        st.session_state["wk_imported"] = t(
            "Imported {n} cards from {file}. They are on the board without an author.",
            n=saved,
            file=literal(upload.name),
        )
        st.session_state["wk_import_round"] = round_ + 1
        st.rerun()
