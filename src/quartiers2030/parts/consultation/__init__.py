"""Part III, B: the « Quartiers 2030 » consultation (dates, respondents, ranked answers,
participation, quoted contributions) and the local orientations of each quartier, from
data/consultation/ and data/enjeux/.

Every question, quartier and answer comes from the data. The checks compare what the
contract prints with what its own numbers give: the order of a ranking with its counts, a
quartier's counts with the overall ones, a percentage with the 152 respondents.

- `model`: the data as frames and typed objects (facts, split, questions, rankings).
- `wording`: question titles and the text alternative of every chart.
- `tables`, `charts`: the tables and the figures with their data.
- `sections`: the content of a page section (lists, quotes, a lost chart's notice).
- `checks`, `quartier_checks`: the « contrôles de cohérence » boxes.
- `local_orientations`: each quartier's orientations, QPV and targets.
"""
