"""Gouvernance (part IV of the contract): instances, who sits where, how the instances
feed one another, the yearly minimum of meetings, the signatories and the timeline; and
the checks of what the text states about them or leaves out.

Every instance, organisation, link and date comes from data/gouvernance/*.csv: a row
added there appears in every table and figure without a code change. Modules, by job:
`model` (data -> typed objects), `wording` (the site's sentences built from data),
`tables`, `lists` (the contract's lists), `checks` (checks boxes), `sources` (a page's
« Source » line), and `charts.diagram`, `charts.membership`, `charts.calendar`,
`charts.timeline`. Notebooks import the modules they use.
"""
