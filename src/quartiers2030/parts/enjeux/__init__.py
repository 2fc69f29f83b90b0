"""Part III, A: the strategic framework of the contract (axes → objectifs → orientations →
actions), the partners each axis calls on, and the targets it sets, from data/enjeux/.

By job: `model` reads the data into typed objects and frames, `wording` builds the
sentences, `tables` and `charts` the tables and figures, `sections` the content of each
section of an axis page (whose headings are Markdown in notebooks/enjeux/), `pages` the
check that an axis page has a heading for every objective and orientation of the data.
Notebooks import the module they use.
"""
