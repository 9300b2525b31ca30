"""In place of a team's pages, for a browser that holds no key: what would open them.
Nothing of any team is read here."""

import streamlit as st

from workshop.i18n import t
from workshop.ui.widgets import page_style

page_style()
st.warning(
    t(
        "This browser does not hold that team's link. A team's pages open with the "
        "team's link, or after opening a facilitator link of one of its workshops."
    )
)
st.page_link("pages/home.py", label=t("Back to the start page"), icon=":material/home:")
