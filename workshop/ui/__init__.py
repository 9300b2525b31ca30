"""The Streamlit glue: the only part of the package that imports Streamlit."""
