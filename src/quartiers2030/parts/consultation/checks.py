"""Checks of the consultation pages: what the contract prints against what its own numbers
give. The split of the respondents with the 152 respondents, the lost charts, the order of
a ranking with its counts, the participation percentages, the quartier of a quote.

The checks of the quartier page are in `quartier_checks`."""

from __future__ import annotations

import pandas as pd

from quartiers2030.core import fmt
from quartiers2030.core.checks import Box, Check, Verdict, compare, render_box
from quartiers2030.core.html import Fragment
from quartiers2030.data.datapackage import available, load
from quartiers2030.parts.consultation import model, wording

# --- the démarche ----------------------------------------------------------------------


def split_checks() -> list[Check]:
    s = model.split()
    total = model.respondents()
    checks = [
        Check(
            "Somme des parts de répondants par quartier",
            "100 % (tous les répondants)",
            fmt.percent(s["valeur"].sum(), 3),
            compare(100, s["valeur"].sum(), 3),
            int(s["ligne_source"].min()),
            "Chaque répondant habite un des quartiers listés : les parts doivent faire 100 %.",
        )
    ]
    for r in s.itertuples():
        back = r.repondants / total * 100
        checks.append(
            Check(
                f"Part de {r.libelle_quartier}",
                fmt.percent(r.valeur, 3),
                f"{fmt.count(r.repondants, 'répondant')} sur {fmt.number(total)} = {fmt.percent(back, 3)}",
                compare(r.valeur, back, fmt.decimals_of(r.valeur)),
                int(r.ligne_source),
                "La part doit correspondre à un nombre entier de répondants.",
            )
        )
    return checks


def profile_check(p: model.Profile) -> Check:
    """A lost chart is a gap of the text until its file exists; then its shares must add
    up to 100 %."""
    subject = f"Graphique « {p.title} »"
    if not available(p.resource):
        return Check(
            subject,
            "un graphique en pourcentage",
            "aucune valeur dans le texte publié",
            Verdict.MISSING,
            p.line,
            f"Le texte annonce {p.what} mais n'en donne ni le graphique ni les valeurs.",
        )
    total = load(p.resource)["pourcentage"].sum()
    return Check(
        subject,
        "100 % des répondants",
        fmt.percent(total),
        compare(100, total, 0),
        p.line,
        "Somme des parts du fichier ajouté au site (voir sa colonne source).",
    )


def scope_check() -> Check:
    """What the 12 809 contributions cover, which the text does not say."""
    row = model.facts().loc["contributions"]
    return Check(
        "Périmètre des contributions",
        f"{fmt.number(row['valeur'])} contributions",
        f"{fmt.number(model.respondents())} répondants des QPV de la CAB",
        Verdict.MISSING,
        int(row["ligne_source"]),
        row["remarque"] if not pd.isna(row["remarque"]) else "",
    )


def demarche() -> Box:
    checks = split_checks() + [scope_check()] + [profile_check(p) for p in model.profiles().values()]
    return Box("consultation", "controles-consultation-repondants", tuple(checks))


def demarche_checks() -> Fragment:
    return render_box(demarche())


# --- answers ---------------------------------------------------------------------------


def order_check(question: str, territory: str) -> Check:
    """A ranked list must go down: each answer has at least the selections of the next."""
    frame = model.ranking(question, territory)
    counts = list(frame["nombre"])
    rises = [i for i in range(1, len(counts)) if counts[i] > counts[i - 1]]
    subject = (
        f"Ordre du classement « {model.question_label(question)} » ({wording.where(territory, 'ensemble')})"
    )
    if not rises:
        return Check(
            subject,
            f"{fmt.count(len(counts), 'réponse')} classées",
            "nombres décroissants",
            Verdict.AGREES,
            int(frame["ligne_source"].iloc[0]),
            "Chaque réponse a au moins autant de sélections que la suivante.",
        )
    first = frame.iloc[rises[0]]
    details = []
    for i in rises:
        r = frame.iloc[i]
        above = frame.iloc[:i][frame.iloc[:i]["nombre"] < r["nombre"]]
        details.append(
            f"« {r['libelle']} » ({fmt.number(r['nombre'])}), rang {r['rang']}, vient après "
            + ", ".join(f"« {a['libelle']} » ({fmt.number(a['nombre'])})" for _, a in above.iterrows())
        )
    expected = int((frame["nombre"] > first["nombre"]).sum()) + 1
    return Check(
        subject,
        f"« {first['libelle']} » au rang {first['rang']}",
        f"rang {expected} d'après ses {fmt.number(first['nombre'])} sélections",
        Verdict.DIFFERS,
        int(first["ligne_source"]),
        "; ".join(details) + ".",
    )


def _sum_check(label: str, rows: pd.DataFrame) -> Check:
    s = rows["pourcentage"].sum()
    return Check(
        f"Somme des réponses à « {label} »",
        " + ".join(wording.share_text(v) for v in rows["pourcentage"]),
        fmt.percent(s, 2),
        compare(100, s, 2),
        int(rows["ligne_source"].iloc[0]),
        "Les réponses s'excluent l'une l'autre : leur somme doit faire 100 %.",
    )


def _share_check(label: str, r, rows: pd.DataFrame, total: int, names: dict[str, str]) -> Check:
    """A printed percentage must be a whole number of the respondents; when it is not, say
    which numbers surround it and what the other answers leave."""
    decimals = fmt.decimals_of(r.pourcentage)
    exact = r.pourcentage * total / 100
    n = round(exact)
    back = n / total * 100
    verdict = compare(r.pourcentage, back, decimals)
    detail = f"{fmt.percent(r.pourcentage, decimals)} de {fmt.number(total)} = {fmt.number(exact, 2)}."
    if verdict is not Verdict.AGREES:
        lo, hi = int(exact), int(exact) + 1
        others = rows[rows["modalite"] != r.modalite]
        rest = total - sum(round(v * total / 100) for v in others["pourcentage"])
        detail += (
            f" {fmt.count(lo, 'répondant')} = {fmt.percent(lo / total * 100, decimals)} ; "
            f"{fmt.count(hi, 'répondant')} = {fmt.percent(hi / total * 100, decimals)}. "
            f"Les autres réponses laissent {fmt.count(rest, 'répondant')}, soit "
            f"{fmt.percent(rest / total * 100, decimals)}."
        )
    return Check(
        f"« {names[r.modalite]} » à « {label} »",
        fmt.percent(r.pourcentage, decimals),
        f"{fmt.count(n, 'répondant')} sur {fmt.number(total)} = {fmt.percent(back, decimals)}",
        verdict,
        int(r.ligne_source),
        detail,
    )


def _more_than_half_check(p: pd.DataFrame) -> Check:
    """The synthesis says in words (« un peu plus de la moitié ») what the first closed
    question answers in figures."""
    fact = model.facts().loc[model.MORE_THAN_HALF]
    first = p["question"].iloc[0]
    yes = p[(p["question"] == first) & (p["modalite"] == "oui")]["pourcentage"].iloc[0]
    words = fact["libelle"].split(" des ")[0].lower()
    above = fact["comparateur"] == "superieur"
    agrees = yes > fact["valeur"] if above else compare(fact["valeur"], yes, 0) is Verdict.AGREES
    return Check(
        "Synthèse : part des répondants qui savent pouvoir participer",
        f"« {words} »" + (f" (plus de {fmt.percent(fact['valeur'], 0)})" if above else ""),
        f"{fmt.percent(yes)} de « oui »",
        Verdict.AGREES if agrees else Verdict.DIFFERS,
        int(fact["ligne_source"]),
        "La synthèse reprend en mots la réponse à la première question fermée.",
    )


def participation_checks() -> list[Check]:
    p = model.participation()
    names = model.modalities()
    checks = []
    for q, rows in p.groupby("question", sort=False):
        total = int(rows["effectif_total"].iloc[0])
        label = model.question_label(q)
        checks.append(_sum_check(label, rows))
        checks += [_share_check(label, r, rows, total, names) for r in rows.itertuples()]
    return checks + [_more_than_half_check(p)]


def quote_checks() -> list[Check]:
    """A quoted contribution attributed to a quartier outside those the synthesis analyses."""
    s = model.split()
    names = model.territory_names()
    analysed = ", ".join(s["libelle_quartier"])
    return [
        Check(
            f"Quartier de la contribution citée sous « {model.question_label(r.question)} »",
            f"« {r.attribution} »",
            f"{names[r.territoire]} : hors des quartiers analysés",
            Verdict.DIFFERS,
            int(r.ligne_source),
            f"La synthèse ne retient que les réponses des quartiers qu'elle liste ({analysed}) ; "
            "celui-ci n'en fait pas partie et n'a aucune part des répondants.",
        )
        for r in model.quotes().itertuples()
        if r.territoire not in s.index
    ]


def answers() -> Box:
    checks = [order_check(q, model.OVERALL) for q in model.ranked_questions()]
    checks += participation_checks() + quote_checks()
    return Box("consultation-reponses", "controles-consultation-reponses", tuple(checks))


def answers_checks() -> Fragment:
    return render_box(answers())
