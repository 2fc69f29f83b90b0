"""The contract's evaluation tables, copied by hand from the source text (seed lines
93-102, 116-127 and 139-150), hyphenation of the PDF undone. Tests compare the data and
the built pages with these, never with our own data files.
"""

from __future__ import annotations

import re

T_EVAL_01 = """\
Piliers	2015	2016	2017	2018	2019	2020	2021	2022	2023
Développer l'activité et l'emploi	238 284 €	287 285 €	287 884 €	286 432 €	316 521 €	313 380 €	273 395 €	266 750 €	271 158 €
Lutter contre toutes les formes de précarité	473 589 €	568 046 €	507 491 €	545 285 €	563 798 €	516 660 €	581 623 €	584894€	529 200 €
Dont PRE de Boulogne-sur-Mer / Saint-Martin-Boulogne	150 171 €	100 412 €	113 600 €	140 275 €	153 900 €	153 900 €	153 900 €	153 900 €	153 900 €
Dont PRE de Le Portel / Outreau	84 650 €	120 969 €	119 900 €	119 900 €	130 000 €	130 000 €	130 000 €	130 000 €	130 000 €
Donner des perspectives à la jeunesse	128 683 €	106 445 €	98 144 €	124 715 €	101 512 €	114 287 €	132 000 €	92 000 €	107 000 €
Construire la ville durable	79 968 €	70 571 €	130 166 €	120 280 €	135 969 €	155 126 €	103 000 €	126 490 €	91 600 €
Priorités transversales	5 000 €		5 000 €	42 412 €					62 500 €
TOTAL	925 524 €	1 032 347 €	1 028 685 €	1 119 124 €	1 117 800 €	1 099 453 €	1 090 018 €	1 070 134 €	1 061 458 €
"""

T_EVAL_02 = """\
Piliers	2015	2016	2017	2018	2019	2020	2021	2022	2023
Développer l'activité et l'emploi	13	16	19	20	16	17	15	17	18
Nouvelles / reconduites	6/7	5/11	9/10	7 / 13	10 / 6	8/9	6/9	5/12	3 / 15
Lutter contre toutes les formes de précarité	30	33	30	29	28	25	34	32	34
Nouvelles / reconduites	10 / 20	9/24	17 / 13	12 / 17	10 / 18	7 / 18	21 / 13	12/20	15 / 19
Donner des perspectives à la jeunesse	13	6	6	8	7	9	12	10	10
Nouvelles / reconduites	3/10	2/4	3/3	5/3	3/4	2/7	5/7	5/5	5/5
Construire la ville durable	5	7	12	10	13	14	10	12	10
Nouvelles / reconduites	4/1	5/2	11 / 1	4/6	8/5	3/11	4/6	6/6	3/7
TOTAL	62	62	67	67	64	65	71	71	72
Montant moyen par action	14 927.80 €	16 650.75 €	13 353.50 €	16 703.34 €	17 465.62 €	16 914.66 €	15 352.36 €	15 072.30 €	14 742.47 €
"""

T_EVAL_03 = """\
Piliers	2018	2019	2020	2021	2022	2023
Développer l'activité et l'emploi	2	2	1	1	1	1
Nouvelles / reconduites	0/2	1/1	0/1	0/1	0/1	0/1
Lutter contre toutes les formes de précarité	2	1	2	5	4	6
Nouvelles / reconduites	0/2	0/1	0/2	2/3	3/1	3/3
Donner des perspectives à la jeunesse	0	0	0	1	0	0
Nouvelles / reconduites	0/0	0/0	0/0	0/1	0/0	0/0
Construire la ville durable	1	1	2	0	2	1
Nouvelles / reconduites	1/0	0/1	1/1	0/0	1/1	0/1
TOTAL	5	4	5	7	7	8
Montant total	36 412 €	38 943 €	45 000 €	56 815 €	59 490 €	52 500 €
"""


def parse(table: str) -> tuple[list[int], list[tuple[str, list[str]]]]:
    """(years, [(row label, [cell, …])]) with cells as printed ("" when empty)."""
    lines = table.rstrip("\n").split("\n")
    years = [int(y) for y in lines[0].split("\t")[1:]]
    rows = []
    for line in lines[1:]:
        label, *cells = line.split("\t")
        cells += [""] * (len(years) - len(cells))
        rows.append((label, cells))
    return years, rows


def amount(cell: str) -> float | None:
    """« 925 524 € » -> 925524; « 14 927.80 € » -> 14927.8; "" -> None."""
    text = re.sub(r"[\s€]", "", cell)
    return float(text) if text else None


def pair(cell: str) -> tuple[int, int]:
    new, renewed = cell.replace(" ", "").split("/")
    return int(new), int(renewed)


PILLAR_ROWS = [
    "Développer l'activité et l'emploi",
    "Lutter contre toutes les formes de précarité",
    "Donner des perspectives à la jeunesse",
    "Construire la ville durable",
]
