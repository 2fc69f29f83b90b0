"""Géographie prioritaire (part II of the contract): the agglomeration, the four QPV and
their sub-quartiers, every number of the text as a table, a chart or a key figure, and the
checks of the facts that contradict each other or the QPV table.

Everything comes from `data/geographie/` (see `datapackage.json`). The modules, by job:
`vocabulary` (the contract's words: labels, definitions, themes, breakdowns), `model`
(typed facts and lookups), `wording` (values and periods as written), `tables`, `bars` and
`charts`, `key_figures`, `sections` (what goes under each heading of a page), `comparison`
(« Comparer les quartiers »), `checks` and `value_checks` (« Contrôles de cohérence »),
`maps` and `ips` (the map and the IPS pages).
"""
