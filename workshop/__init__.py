"""Quarterly strategy workshops for marketing teams.

The package holds the product's logic and storage; it imports no Streamlit outside
``workshop.ui``, so it works the same from tests, the command line and the web app.
"""
