"""Évaluation 2015-2023: the contract's three programming tables (T-EVAL-01..03), their
charts, and the checks of its printed totals and of its commentary's claims.

By job: `model` (data -> pillars, frames, the contract's table titles and labels),
`tables`, `charts`, `wording` (sentences built from the data), `checks` (printed totals)
and `claims` (the commentary's figures), `sections` (other page sections). Every year,
pillar and label comes from the data: adding a year or a pillar to the CSV files extends
every table and chart without a code change.
"""
