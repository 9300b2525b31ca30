"""Today's channels: the account audit a team keeps each quarter."""

import pandas as pd
import streamlit as st

from workshop import audit, channels, validate
from workshop.i18n import t
from workshop.models import AuditChannel
from workshop.safe_text import literal
from workshop.ui import state
from workshop.ui.widgets import SAVE_ERRORS, attempt, page_top, show_error, team_picker

db = state.db()
page_top(t("Today's channels"))
st.caption(
    t(
        "Every channel and account the team runs now: who owns it, why we have it, when it "
        "last posted. A channel canvas is held against this list."
    )
)

left, right = st.columns([3, 1])
team = team_picker("channels-team", left)
if team is None:
    st.stop()
typed = right.text_input(t("Quarter"), validate.current_quarter(), key="channels-quarter")
try:
    quarter = validate.quarter(typed)
except SAVE_ERRORS as error:
    show_error(error)
    st.stop()

lines = audit.list_audit(db, team.id, quarter)
earlier = audit.latest_quarter(db, team.id, validate.quarter_before(quarter))
if not lines and earlier:
    st.info(t("No list for {quarter} yet.", quarter=quarter))
    if st.button(t("Start from the list of {q}", q=earlier), key="channels-copy"):
        audit.copy_quarter(db, team.id, earlier, quarter)
        st.rerun()

frame = pd.DataFrame(audit.table_rows(lines), columns=list(audit.FIELDS))
frame[list(audit.TEXT_FIELDS)] = frame[list(audit.TEXT_FIELDS)].astype("string").fillna("")
edited = st.data_editor(
    frame,
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key=f"audit-{team.id}-{quarter}",
    column_config={
        "platform": st.column_config.TextColumn(
            t("Platform"), required=True, help=", ".join(channels.PLATFORMS)
        ),
        "account": st.column_config.TextColumn(t("Account or URL")),
        "kind": st.column_config.SelectboxColumn(
            t("Type"),
            options=list(channels.KINDS),
            required=True,
            format_func=lambda k: t(channels.KINDS[k]),
        ),
        "role": st.column_config.SelectboxColumn(
            t("Role"),
            options=["", *channels.ROLES],
            format_func=lambda k: t(channels.ROLES[k]) if k else "",
        ),
        "owner": st.column_config.TextColumn(t("Owner")),
        "backup_admin": st.column_config.TextColumn(t("Backup admin")),
        # Typed as text: a date picker cell misread keyboard entries; dates.typed reads
        # 2026-11-28, 28.11.2026, 28/11/2026 and 28 Nov 2026 alike.
        "last_post_on": st.column_config.TextColumn(
            t("Last post"), help=t("For example 2026-11-28 or 28.11.2026.")
        ),
        "audience_size": st.column_config.TextColumn(t("Audience")),
        "budget_share": st.column_config.TextColumn(t("Budget %")),
        "purpose": st.column_config.TextColumn(t("Why we have it")),
        "status": st.column_config.SelectboxColumn(
            t("Status"),
            options=list(channels.STATUSES),
            default="active",
            format_func=lambda k: t(channels.STATUSES[k]),
        ),
    },
)
total = audit.budget_total(
    list(pd.to_numeric(edited["budget_share"], errors="coerce").dropna())
)
if total is None or abs(total - 100) < 0.05:
    st.caption(audit.budget_note(total))
else:
    st.warning(audit.budget_note(total), icon=":material/pie_chart:")
if st.button(t("Save the list"), type="primary", key="channels-save"):
    # Saving replaces the quarter's list, so a second click stores the same list again.
    # A refused list stays in the table as typed, with the line that is wrong named here.
    records = edited.astype(object).where(edited.notna(), None).to_dict("records")
    saved: list[AuditChannel] = []
    if attempt(
        lambda: saved.extend(audit.save_audit(db, team.id, quarter, records)),
        working=t("Saving…"),
    ):
        lines = saved
        st.success(t("Saved {n} channels for {quarter}.", n=len(lines), quarter=quarter))

flagged = audit.flags(lines)
if flagged:
    st.subheader(t("Needs attention"))
    for line in lines:
        if line.id in flagged:
            name = f"{line.platform} ({line.account})" if line.account else line.platform
            st.markdown(f"⚠️ **{literal(name)}**: {literal(', '.join(flagged[line.id]))}")
elif lines:
    st.success(t("Every channel has an owner, a single account and a recent post."))
