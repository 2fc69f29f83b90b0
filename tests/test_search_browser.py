"""The site's search (Pagefind) as a citizen uses it: the words they type find the page
they mean first, whether the contract uses them or another word (book/mots-cles-recherche.yml);
the index is fetched by the search page only, once someone searches."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

# (what a citizen types, the page it must find first)
QUERIES = [
    ("chômage", "notebooks/enjeux/plein-emploi.html"),
    ("budget", "notebooks/evaluation/enveloppe.html"),
    ("argent", "notebooks/evaluation/enveloppe.html"),
    ("enveloppe", "notebooks/evaluation/enveloppe.html"),
    ("HLM", "notebooks/enjeux/transitions.html"),
    ("école", "notebooks/geographie/ips.html"),
    ("Outreau", "notebooks/geographie/residences-sud.html"),
    ("Chemin Vert", "notebooks/geographie/chemin-vert.html"),
    ("Damrémont", "notebooks/geographie/damremont.html"),
    ("sécurité", "notebooks/enjeux/surs-ouverts.html"),
    ("sigles", "book/glossaire.html"),
    ("égalité femmes hommes", "notebooks/evaluation/egalite.html"),
    # issue 19: the contract's errors, and an acronym's definition
    ("erreur", "book/releve.html"),
    ("incohérences", "book/releve.html"),
    ("contradiction", "book/releve.html"),
    ("QPV", "book/glossaire.html"),
    ("PRE", "book/glossaire.html"),
]


# Words of the policy: the glossary explains them, among the first results (the page about
# them may come first: « enveloppe » finds the page of the enveloppe). « pilier » finds
# the evaluation's pages, where the word is everywhere, before the glossary.
GLOSSARY_WORDS = ("droit commun", "enveloppe")


def _results(tab, server, query: str) -> list[str]:
    tab.goto(f"{server}/search.html?q={quote(query)}", wait_until="load")
    links = tab.locator("#q2030-search .pagefind-ui__result-link")
    counts = []
    for _ in range(100):  # until results are shown and their number holds for 0.5 s
        counts.append(links.count())
        if counts[-1] and counts[-5:] == [counts[-1]] * 5:
            break
        tab.wait_for_timeout(100)
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


@pytest.fixture(scope="module")
def found(browser, server):
    tab = browser.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    results = {query: _results(tab, server, query) for query, _ in QUERIES}
    for query in ("pauvreté", *GLOSSARY_WORDS):
        results[query] = _results(tab, server, query)
    tab.close()
    return results, errors


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_a_citizen_query_finds_its_page_first(found, query, expected):
    results, _ = found
    assert results[query], query
    assert results[query][0].split("#")[0].endswith("/" + expected), results[query][:3]


@pytest.mark.parametrize("query", GLOSSARY_WORDS)
def test_a_word_of_the_policy_finds_the_glossary(found, query):
    results, _ = found
    pages = [h.split("#")[0] for h in results[query][:5]]
    assert any(p.endswith("/book/glossaire.html") for p in pages), results[query][:5]


def test_french_stemming_leads_a_theme_to_the_three_quartiers(found):
    results, errors = found
    pages = {h.split("#")[0].rsplit("/", 1)[-1] for h in results["pauvreté"]}
    assert {"chemin-vert.html", "residences-sud.html", "damremont.html"} <= pages, results["pauvreté"]
    assert errors == []


def test_the_index_is_fetched_by_the_search_page_only_and_filters_by_part(browser, server):
    tab = browser.new_page()
    requests = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(f"{server}/notebooks/evaluation/enveloppe.html", wait_until="networkidle")
    assert not [u for u in requests if "_pagefind" in u or "searchindex" in u]
    tab.goto(f"{server}/search.html", wait_until="networkidle")
    assert not [u for u in requests if u.endswith(".pf_fragment") or "searchindex" in u]
    tab.goto(f"{server}/search.html?q=emploi", wait_until="networkidle")
    tab.locator("#q2030-search .pagefind-ui__result-link").first.wait_for()
    assert [u for u in requests if "_pagefind" in u]
    filters = " ".join(tab.locator("#q2030-search .pagefind-ui__filter-panel").all_text_contents())
    assert "Partie du contrat" in filters and "Les enjeux du contrat" in filters
    field = tab.locator("#q2030-search input.pagefind-ui__search-input")
    assert field.get_attribute("aria-label") or field.get_attribute("placeholder")
    tab.close()
