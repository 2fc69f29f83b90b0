"""Le suivi du contrat 2024-2030: each year's programmation (data/suivi/programmation.csv,
SCDL « subventions » 2.1.1 and the contract's columns) as the contract's tableau de bord
(l. 1940-1963): by axis, financer, quartier, operator and orientation, axis 1 against its
30 % target (l. 838), the State's envelope after the évaluation 2015-2023, a filterable
list of actions, and the checks box. Modules, by job: `model` (data -> frames),
`wording` (sentences), `tables`, `charts`, `checks`, `sections` (what a notebook cell asks
for, the empty state included). Notebooks import the modules they use."""
