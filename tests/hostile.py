"""Hostile inputs: what staff might save, and what they must then see.

Each case edits a copy of the book's data, then runs the commands staff run. For every
case the same four things hold: `make check` and `make site` exit with 1; the message is
French and names what to fix; no file is written (not the staff's file, not a backup, not
the site); the previous site is kept byte for byte. The refusal comes at the check, before
jupyter-book starts (the harness fails the test if the build goes further).

A case is (id, edit, words): `edit(root)` changes the copy; `words` must be in the output.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path

Edit = Callable[[Path], None]

ENV = "evaluation/enveloppe_etat.csv"
ACT = "evaluation/actions.csv"
PIL = "evaluation/piliers.csv"
PRE = "evaluation/enveloppe_pre.csv"
FH = "evaluation/egalite_fh_montants.csv"
FHA = "evaluation/egalite_fh_actions.csv"
QPV = "geographie/qpv.csv"
IND = "geographie/indicateurs.csv"
PART = "consultation/participation.csv"
REP = "consultation/reponses.csv"
SIG = "gouvernance/signataires.csv"
CHRONO = "gouvernance/chronologie.csv"
CLAIMS = "evaluation/affirmations.csv"
PRINTED = "evaluation/valeurs_imprimees.csv"
FACTS = "consultation/faits.csv"


def data(root: Path, rel: str) -> Path:
    return root / "data" / rel


def replace(rel: str, old: str, new: str, count: int = 1) -> Edit:
    def edit(root: Path) -> None:
        path = data(root, rel)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} absent de {rel}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return edit


def rewrite(rel: str, change: Callable[[str], str]) -> Edit:
    def edit(root: Path) -> None:
        path = data(root, rel)
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return edit


def write_bytes(rel: str, change: Callable[[bytes], bytes]) -> Edit:
    def edit(root: Path) -> None:
        path = data(root, rel)
        path.write_bytes(change(path.read_bytes()))

    return edit


def header_only(rel: str) -> Edit:
    return rewrite(rel, lambda text: text.split("\n", 1)[0] + "\n")


def delete_line(rel: str, number: int) -> Edit:
    def change(text: str) -> str:
        lines = text.split("\n")
        del lines[number - 1]
        return "\n".join(lines)

    return rewrite(rel, change)


def remove(rel: str) -> Edit:
    return lambda root: data(root, rel).unlink()


def swap_columns(rel: str, first: int, second: int) -> Edit:
    def change(text: str) -> str:
        out = []
        for number, line in enumerate(text.split("\n")):
            cells = line.split(",")
            if number and line:
                cells[first], cells[second] = cells[second], cells[first]
            out.append(",".join(cells))
        return "\n".join(out)

    return rewrite(rel, change)


def excel_bytes(text: str, encoding: str) -> bytes:
    return text.replace(",", ";").replace("\n", "\r\n").encode(encoding)


def datapackage(change: Callable[[dict], None]) -> Edit:
    def edit(root: Path) -> None:
        path = data(root, "datapackage.json")
        package = json.loads(path.read_text(encoding="utf-8"))
        change(package)
        path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    return edit


def _drop_field(package: dict, resource: str, name: str) -> None:
    res = next(r for r in package["resources"] if r["name"] == resource)
    res["schema"]["fields"] = [f for f in res["schema"]["fields"] if f["name"] != name]


def _unknown_type(package: dict) -> None:
    res = next(r for r in package["resources"] if r["name"] == "enveloppe_etat")
    res["schema"]["fields"][2]["type"] = "entier"


def _two_encodings(raw: bytes) -> bytes:
    """Lines pasted from a Mac file into a Windows one: « é » is 0x8E in Mac Roman, 0xE9 in
    Windows-1252; each decoding then misreads one of them."""
    return raw.decode("utf-8").encode("cp1252").replace(b"D\xe9velopper", b"D\x8evelopper")


CHECK_STAGE: list[tuple[str, Edit, str]] = [
    # Cells of the wrong type, each with the fix it leads to.
    ("lettres dans un montant", replace(ENV, "2016,emploi,287285", "2016,emploi,287285a"), "nombre entier"),
    ("montant négatif", replace(ENV, "2017,emploi,287884", "2017,emploi,-287884"), "minimum"),
    ("décimale dans un entier", replace(ENV, "2018,emploi,286432", "2018,emploi,286432.5"), "nombre entier"),
    ("virgule dans un entier", replace(FH, "2019,38943,", '2019,"38943,5",'), "nombre entier"),
    ("NC dans une colonne obligatoire", replace(ENV, "2016,emploi,287285", "2016,emploi,NC"), "valeur inconnue"),
    ("ND dans une colonne obligatoire", replace(ACT, "2015,emploi,6,7", "2015,emploi,ND,7"), "valeur inconnue"),
    ("point d'interrogation", replace(FHA, "2018,emploi,0,2", "2018,emploi,?,2"), "valeur inconnue"),
    ("tiret pour inconnu", replace(QPV, "Boulogne-sur-Mer,1737,", "Boulogne-sur-Mer,-,"), "valeur inconnue"),
    ("#N/A d'Excel", replace(ACT, "2016,emploi,5,11", "2016,emploi,5,#N/A"), "valeur inconnue"),
    ("pourcentage écrit avec %", replace(IND, "regroupe 22 communes,22,", "regroupe 22 communes,22 %,"), "colonne « unite »"),
    ("montant dans une colonne d'actions", replace(ACT, "2015,emploi,6,7", '2015,emploi,"925 524 €",7'), "bonne colonne"),
    ("montant en k€", replace(ENV, "2016,emploi,287285", "2016,emploi,287 k€"), "1 000"),
    ("euros écrits en toutes lettres", replace(FH, "2020,45000,", "2020,45000 euros,"), "le nombre seul : 45000"),
    ("commune mal orthographiée", replace(QPV, "Damrémont,Boulogne-sur-Mer,", "Damrémont,Boulogne-sur-Mr,"), "Boulogne-sur-Mr"),
    ("texte dans un effectif", replace(QPV, "Boulogne-sur-Mer,1737,", "Boulogne-sur-Mer,environ 1700,"), "nombre entier"),
    ("année hors limites", replace(ACT, "2015,emploi,6,7", "1915,emploi,6,7"), "minimum"),
    ("date impossible", replace(CHRONO, "2014-02-21,", "2014-02-31,"), "date"),
    ("date jj/mm/aaaa impossible", replace(CHRONO, "2014-02-21,", "31/02/2014,"), "date"),
    ("date en toutes lettres", replace(FACTS, "2023-09-20", "20 septembre 2023"), "date"),
    ("cellule obligatoire vide", replace(FH, "2020,45000,", "2020,,"), "obligatoire"),
    ("valeur hors liste", replace(PIL, ",transversal,5,", ",autre,5,"), "valeurs admises"),
    ("code mal formé", replace(PIL, "\njeunesse,", "\nJeunesse,"), "format attendu"),
    ("ordre en double", replace(PIL, ",pilier,4,", ",pilier,3,"), "unique"),
    # Codes and keys.
    ("pilier inconnu", replace(ACT, "2017,jeunesse,", "2017,jeunnesse,"), "data/evaluation/piliers.csv"),
    ("PRE inconnu", replace(PRE, "2016,le_portel_outreau,", "2016,le_portel,"), "data/evaluation/pre.csv"),
    ("organisation inconnue", replace(SIG, ",etat,,,1971", ",prefecture,,,1971"), "table de référence"),
    ("question inconnue", replace(REP, "defis,ensemble,1,", "défis,ensemble,1,"), "table de référence"),
    ("ligne copiée deux fois", rewrite(ENV, lambda t: t + t.split("\n")[1] + "\n"), "déjà présente à la ligne 2"),
    ("clé répétée par erreur", replace(ENV, "2016,emploi,", "2015,emploi,"), "répète la clé"),
    ("colonnes inversées", swap_columns(ENV, 0, 1), "semblent inversées"),
    ("montants et lignes inversés", swap_columns(FH, 1, 2), "remettez chacun dans sa colonne"),
    # Values that are possible as types, not as facts.
    ("un milliard d'euros", replace(ENV, "2016,emploi,287285", "2016,emploi,1000000000"), "plausible"),
    ("taux de 462 %", replace(PART, "oui,55.9,", "oui,462,"), "plausible"),
    ("part écrite en proportion", replace(PART, "oui,55.9,", "oui,0.559,"), "proportion"),
    ("part négative", replace(PART, "oui,55.9,", "oui,-55.9,"), "au moins 0"),
    ("PRE plus doté que son pilier", replace(PRE, "2019,boulogne_saint_martin,153900", "2019,boulogne_saint_martin,653900"), "dépasse celui de son pilier"),
    ("affirmation sans pilier", replace(CLAIMS, "part_emploi,part_pilier_enveloppe,emploi,", "part_emploi,part_pilier_enveloppe,,"), "pilier"),
    ("ligne du contrat inexistante", replace(FH, "2019,38943,150", "2019,38943,0"), "ligne_source"),
    # Rows the pages need.
    ("enveloppe vidée jusqu'à l'en-tête", header_only(ENV), "ne contient que sa ligne d'en-tête"),
    ("actions vidées jusqu'à l'en-tête", header_only(ACT), "ne contient que sa ligne d'en-tête"),
    ("quartiers vidés jusqu'à l'en-tête", header_only(QPV), "ne contient que sa ligne d'en-tête"),
    ("indicateurs vidés jusqu'à l'en-tête", header_only(IND), "ne contient que sa ligne d'en-tête"),
    ("signataires vidés jusqu'à l'en-tête", header_only(SIG), "ne contient que sa ligne d'en-tête"),
    ("ligne de l'enveloppe supprimée", delete_line(ENV, 3), "il manque la ligne annee=2016, pilier=emploi"),
    ("ligne des actions supprimée", delete_line(ACT, 2), "il manque la ligne annee=2015, pilier=emploi"),
    ("quartier supprimé", delete_line(QPV, 2), "il manque"),
    ("fichier vide", rewrite(FH, lambda t: ""), "vide"),
    ("fichier tronqué au milieu", rewrite(ENV, lambda t: "\n".join(t.split("\n")[:12]) + "\n"), "il manque"),
    # Headers and the shape of rows.
    ("espace à la fin d'un en-tête", replace(ENV, "annee,pilier,montant_eur,ligne_source", "annee,pilier ,montant_eur,ligne_source"), "espace en trop"),
    ("colonne renommée", replace(FH, "annee,montant_eur", "année,montant_eur"), "La première ligne doit être exactement"),
    ("colonne supprimée", replace(FH, ",ligne_source", "", 1), "annee,montant_eur,ligne_source"),
    ("colonne ajoutée", replace(FH, "ligne_source\n", "ligne_source,commentaire\n"), "commentaire"),
    ("colonne sans nom mais remplie", rewrite(FH, lambda t: t.replace("ligne_source\n", "ligne_source,\n", 1).replace("2019,38943,150", "2019,38943,150,voir note")), "en-tête"),
    ("cellule en trop (virgule sans guillemets)", replace(PIL, "Jeunesse,citoyenneté", "Jeunesse, citoyenneté, autre"), "plus de cellules"),
    ("cellule manquante", replace(FH, "2019,38943,150", "2019,38943"), "moins de cellules"),
    ("ligne vide au milieu", replace(FH, "2019,38943,150\n", "2019,38943,150\n,,\n"), "ligne vide"),
    # Encodings and files.
    ("octets illisibles", write_bytes(FH, lambda raw: raw.replace(b"38943", b"\x81\x8d")), "encodage"),
    ("deux encodages mêlés", write_bytes(PIL, _two_encodings), "CSV UTF-8"),
    ("classeur renommé en .csv", write_bytes(PIL, lambda raw: b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4), "make import"),
    ("Excel Windows-1252 avec une erreur", write_bytes(ENV, lambda raw: excel_bytes(raw.decode().replace("287285", "287285a"), "cp1252")), "nombre entier"),
    ("UTF-16 d'Excel avec une erreur", write_bytes(PIL, lambda raw: codecs.BOM_UTF16_LE + raw.decode().replace(",pilier,4,", ",pilier,3,").replace("\n", "\r\n").replace(",", "\t").encode("utf-16-le")), "unique"),
    ("fichier supprimé", remove(FH), "Restaurez le fichier"),
    ("datapackage.json invalide", rewrite("datapackage.json", lambda t: t.replace('"resources": [', '"resources": [,', 1)), "ligne"),
    ("datapackage.json supprimé", remove("datapackage.json"), "restaurez-le"),
    ("colonne retirée du schéma", datapackage(lambda p: _drop_field(p, "enveloppe_etat", "ligne_source")), "ligne_source"),
    ("type inconnu dans le schéma", datapackage(_unknown_type), "git checkout -- data/datapackage.json"),
]  # fmt: skip
