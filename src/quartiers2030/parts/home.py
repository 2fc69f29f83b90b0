"""The home page (book/index.md): what a resident sees first on a phone. A search field,
four key figures from the data (each links to the page that explains it), a small map of
the quartiers prioritaires with a link to each one's page (« mon quartier »), and the
questions residents come with, each linked straight to its answer.

Inputs, declared by the home page: those of the map (overview_map.py), of the envelope
(`piliers`, `enveloppe_etat`), `consultation_faits` and `signataires`."""

from __future__ import annotations

from dataclasses import dataclass

from quartiers2030.core import fmt, links
from quartiers2030.core.html import Fragment
from quartiers2030.core.key_figures import KeyFigure, key_figures
from quartiers2030.core.templates import render
from quartiers2030.data import catalog
from quartiers2030.parts.consultation import model as consultation
from quartiers2030.parts.evaluation import model as evaluation
from quartiers2030.parts.geographie import overview_map
from quartiers2030.parts.geographie.model import qpvs, short_label
from quartiers2030.parts.gouvernance import model as gouvernance

SEARCH_PAGE = "search.html"
ARCHIVE_NAME = "quartiers2030-donnees.zip"  # site/ext/downloads.py writes it (q2030_data_archive)
COMPUTED = "calculé"


def first_screen() -> Fragment:
    """What a phone shows first: the search field, the key figures, « mon quartier »."""
    return render(
        "home/first_screen.html", search=links.site_url(SEARCH_PAGE), figures=figures(), quartiers=quartiers()
    )


def _envelope() -> KeyFigure:
    totals = evaluation.envelope_totals().dropna()
    years = [int(y) for y in totals.index]
    return KeyFigure(
        fmt.euros(round(totals.sum())),
        f"de l'État pour les quartiers, {years[0]}-{years[-1]}",
        COMPUTED,
        links.url("evaluation-enveloppe"),
    )


def _signatories() -> KeyFigure:
    return KeyFigure(
        fmt.number(len(gouvernance.signatories())),
        "signataires du contrat",
        "",
        links.url("gouvernance-signataires"),
    )


def figures() -> Fragment:
    """Four figures: the residents of the quartiers, the State's money, the consultation,
    the signatories."""
    cards = [
        KeyFigure(
            fmt.number(sum(q.population for q in qpvs())),
            f"habitants dans les {fmt.number(len(qpvs()))} quartiers prioritaires",
            "",
            links.url("geographie-comparer"),
        ),
        _envelope(),
        KeyFigure(
            fmt.number(consultation.respondents()),
            "habitants ont répondu à la consultation",
            "",
            links.url("consultation-reponses"),
        ),
        _signatories(),
    ]
    return key_figures(cards, "Chiffres clés")


@dataclass(frozen=True)
class _Quartier:
    name: str
    communes: str
    population: str
    href: str


def quartiers() -> Fragment:
    """The small map, then one link a quartier (« mon quartier »), then comparing them."""
    items = [
        _Quartier(
            short_label(q.label), q.communes, fmt.count(q.population, "habitant"), links.url(f"qpv-{q.code}")
        )
        for q in qpvs()
    ]
    figure = overview_map.overview("Où sont les quartiers prioritaires", links.url("geographie-carte"))
    return render(
        "home/quartiers.html", map=figure, quartiers=items, compare=links.url("geographie-comparer")
    )


@dataclass(frozen=True)
class _Question:
    question: str
    answer: str
    href: str


def questions() -> Fragment:
    """The questions residents come with, each linked to the place that answers it."""
    signatories = len(gouvernance.signatories())
    items = [
        _Question(
            "Combien l'État a-t-il donné, pour l'emploi ou pour l'éducation, année par année ?",
            "L'enveloppe de l'État par pilier, de 2015 à 2023",
            links.url("evaluation-enveloppe"),
        ),
        _Question(
            "Qui a signé le contrat ?",
            f"Les {fmt.number(signatories)} signataires",
            links.url("gouvernance-signataires"),
        ),
        _Question(
            "Qu'est-ce qui est prévu pour les jeunes, l'emploi, la sécurité, le logement ?",
            "Le contrat par thème",
            links.url("themes"),
        ),
        _Question(
            "Où sont les quartiers ?", "La carte des quartiers et des collèges", links.url("geographie-carte")
        ),
        _Question(
            "Qu'ont répondu les habitants ?",
            "Les réponses à la consultation « Quartiers 2030 »",
            links.url("consultation-reponses"),
        ),
        _Question(
            "Le contrat contient-il des erreurs ?",
            "Ce que le site a relevé dans le contrat",
            links.url("releve"),
        ),
        _Question(
            "Que veut dire « QPV », « PRE », « IPS » ?",
            "Le glossaire des sigles et des mots du contrat",
            links.page_url("glossaire") + "#sigle-qpv",
        ),
        _Question(
            "Le site est-il accessible ?", "La déclaration d'accessibilité", links.url("accessibilite")
        ),
    ]
    return render("home/questions.html", questions=items, downloads=catalog.downloads(ARCHIVE_NAME))
