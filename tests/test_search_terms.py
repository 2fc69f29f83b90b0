"""What the site's search reads besides the pages' text: each page's part of the contract
(from _toc.yml) and the words citizens use (book/mots-cles-recherche.yml)."""

from __future__ import annotations

from helpers import REPO
from quartiers2030.site.ext import search


def test_each_page_has_the_caption_of_its_part():
    parts = search.toc_parts(REPO)
    assert parts["notebooks/enjeux/plein-emploi"] == "Les enjeux du contrat"
    assert parts["notebooks/evaluation/enveloppe"] == "Évaluation du contrat 2015-2023"
    assert parts["book/glossaire"] == "À propos"


def test_the_keywords_file_names_pages_of_the_book_only(tmp_path):
    words = search.keywords(REPO, "book/mots-cles-recherche.yml")
    assert "chômage" in words["notebooks/enjeux/plein-emploi"]
    assert set(words) <= set(search.toc_parts(REPO))
    (tmp_path / "k.yml").write_text("a/b: [x, 2024]\n", encoding="utf-8")
    assert search.keywords(tmp_path, "k.yml") == {"a/b": ["x", "2024"]}
    assert search.keywords(tmp_path, "") == {} and search.keywords(tmp_path, "absent.yml") == {}
