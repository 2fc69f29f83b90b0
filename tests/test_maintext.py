"""The main text of a page: the article only, one block a line, without the site's furniture."""

from __future__ import annotations

from quartiers2030.site.maintext import main_text, site_texts

PAGE = """<!DOCTYPE html><html lang="fr"><body>
<header><nav>Menu du site</nav></header>
<main><div class="q2030-version-banner">Vous consultez la version v2024.1</div>
<article class="bd-article">
  <h1>Chemin Vert<a class="headerlink" href="#x">#</a></h1>
  <nav aria-label="Sur cette page"><ul><li>Pauvreté</li></ul></nav>
  <p>Le quartier  le plus
     peuplé.</p>
  <ul><li>Première <strong>ligne</strong></li><li>Seconde</li></ul>
  <p class="q2030-table-hint" hidden data-pagefind-ignore>Faire glisser pour voir la suite</p>
  <table><caption>Habitants</caption>
    <tr><th>Quartier</th><th>2018</th></tr>
    <tr><th>Chemin Vert</th><td>7 543</td></tr>
  </table>
  <script>var x = 1;</script>
</article></main>
<footer>Version v2024.1 du 26/06/2024</footer></body></html>"""


def test_main_text_is_the_article_one_block_a_line():
    assert main_text(PAGE).splitlines() == [
        "Chemin Vert",
        "Le quartier le plus peuplé.",
        "Première ligne",
        "Seconde",
        "Habitants",
        "Quartier | 2018",
        "Chemin Vert | 7 543",
    ]


def test_furniture_never_reaches_the_main_text():
    text = main_text(PAGE)
    for furniture in (
        "Menu du site",
        "Sur cette page",
        "Pauvreté",
        "v2024.1",
        "26/06/2024",
        "var x",
        "#",
        "Faire glisser",
    ):
        assert furniture not in text


def test_a_page_without_article_or_main_has_no_main_text():
    assert main_text("<html><body><p>Redirection</p></body></html>") == ""


def test_site_texts_reads_every_page_but_static_files(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "theme.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "index.html").write_text(PAGE, encoding="utf-8")
    assert list(site_texts(tmp_path)) == ["book/index.html"]
