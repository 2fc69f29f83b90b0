"""core.figures (house style, the figure fragment) and core.bars (horizontal bars)."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest

from quartiers2030.core import figures
from quartiers2030.core.bars import (
    PLOTLY_VALUE_AXIS,
    BarSeries,
    adjusted,
    bar_chart,
    bar_traces,
    column_chart,
    reference_line,
    row_note,
    stack_totals,
    value_range,
)
from quartiers2030.core.figures import (
    PALETTE,
    TEXT_COLOUR,
    WHITE,
    Figure,
    house_figure,
    ink_on,
    row_height,
    series_style,
    wrap_label,
    wrap_lines,
)
from quartiers2030.core.tables import Row, Table

# --- house style -------------------------------------------------------------------------


def test_labels_wrap_between_words_and_cut_long_names_after_a_hyphen():
    assert wrap_lines("Quartier prioritaire de la politique de la ville", 20) == [
        "Quartier prioritaire",
        "de la politique de",
        "la ville",
    ]
    assert wrap_lines("Hesdigneul-lès-Boulogne", 12) == ["Hesdigneul-", "lès-Boulogne"]


def test_a_label_from_the_data_is_escaped_and_its_lines_joined_by_breaks():
    assert wrap_label("<b>a</b> et un texte long", 10) == "&lt;b&gt;a&lt;/b&gt;<br>et un<br>texte long"


def test_rows_grow_with_the_longest_label():
    assert row_height(["a"]) == 40
    assert row_height(["a<br>b<br>c<br>d"]) == 70
    assert row_height(["a"], minimum=60) == 60


def test_series_take_colours_and_patterns_in_a_fixed_order():
    assert [series_style(i)["color"] for i in range(2)] == PALETTE[:2]
    assert series_style(0)["pattern"]["shape"] == "" and series_style(1)["pattern"]["shape"] == "/"
    assert series_style(len(PALETTE))["color"] == PALETTE[0]


def test_the_palette_is_okabe_ito_without_yellow():
    assert PALETTE == ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000"]
    assert PALETTE[:2] == [figures.BLUE, figures.VERMILION]


def test_every_colour_constant_is_a_hex_colour():
    names = [n for n in dir(figures) if n.isupper() and isinstance(getattr(figures, n), str)]
    colours = {n: getattr(figures, n) for n in names if getattr(figures, n).startswith("#")}
    assert {"WHITE", "TEXT_COLOUR", "MUTED_TEXT", "GRID_COLOUR", "LIGHT_GRID_COLOUR", "BOX_FILL"} <= set(
        colours
    )
    assert all(re.fullmatch(r"#[0-9a-fA-F]{6}", c) for c in colours.values())


def test_ink_on_a_colour_reaches_the_contrast_of_text():
    assert ink_on(figures.BLUE) == WHITE  # 5.1:1
    assert ink_on(figures.SKY_BLUE) == TEXT_COLOUR  # white would be 2.5:1
    assert ink_on(figures.BLACK) == WHITE


def test_house_figure_writes_numbers_in_french():
    fig = house_figure([go.Bar(x=[1], y=[2])], y_title="Montant (€)", height=300, barmode="stack")
    assert fig.layout.separators == ",\u202f" and fig.layout.yaxis.tickformat == ",~r"
    assert fig.layout.height == 300 and fig.layout.barmode == "stack"
    assert fig.layout.yaxis.title.text == "Montant (€)" and fig.layout.font.color == TEXT_COLOUR


# --- the figure fragment -----------------------------------------------------------------


@pytest.fixture
def figure(tmp_path, monkeypatch) -> Figure:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datapackage.json").write_text("{}", encoding="utf-8")
    (tmp_path / "page").mkdir()
    monkeypatch.chdir(tmp_path / "page")
    monkeypatch.delenv("Q2030_ROOT", raising=False)
    plot = house_figure([go.Bar(x=[1], y=["</script><b>"])], height=300)
    table = Table("donnees-x", "Données de x", "Année", ["Valeur"], [Row("2024", ["1"])])
    return Figure("x", "Titre d'<i>x</i>", "Texte & alternative", plot, table, [("Fichier x", "p/x.csv")])


def test_a_figure_names_its_title_and_text_alternative(figure):
    html = figure.html()
    assert html.startswith('<figure id="fig-x-figure" class="q2030-figure">')
    assert (
        '<figcaption id="fig-x-title" class="q2030-figure-title">Titre d&#39;&lt;i&gt;x&lt;/i&gt;</figcaption>'
        in html
    )
    assert (
        '<div id="fig-x" class="q2030-plot" role="img" aria-labelledby="fig-x-title" '
        'aria-describedby="fig-x-desc" data-q2030-figure="fig-x-spec" style="min-height:300px"></div>'
    ) in html
    assert '<p id="fig-x-desc" class="q2030-figure-desc">Texte &amp; alternative</p>' in html


def test_a_figure_gives_its_data_as_a_table_and_a_download(figure):
    html = figure.html()
    data = html.split('<details class="q2030-figure-data"><summary>Données du graphique</summary>', 1)[1]
    assert data.startswith('<div class="q2030-table-wrap"') and 'id="donnees-x"' in data
    assert (
        '<ul class="q2030-downloads"><li><a href="../donnees/p/x.csv" download="">Fichier x</a> (CSV)</li></ul>'
        in data
    )
    assert html.endswith("</details></figure>")


def test_a_figure_spec_cannot_close_its_script(figure):
    html = figure.html()
    spec = html.split('<script type="application/json" id="fig-x-spec">', 1)[1].split("</script>", 1)[0]
    assert "<" not in spec and ">" not in spec
    assert json.loads(spec)["data"][0]["y"] == ["</script><b>"]
    assert json.loads(spec)["config"]["locale"] == "fr"


def test_a_figure_without_download_has_no_list(figure):
    figure.downloads = ()
    assert "q2030-downloads" not in figure.html()
    assert figure.fragment().markup == figure.html() == figure._repr_html_()


# --- horizontal bars ---------------------------------------------------------------------

ROWS = ["Boulogne-sur-Mer, quartier du Chemin Vert", "Outreau", "Pas-de-Calais"]


def test_bars_are_rows_from_the_top_with_wrapped_labels():
    fig = bar_chart(ROWS, [BarSeries("Taux", [10, 20, 30], texts=["10 %", "20 %", "30 %"])], x_title="%")
    (bar,) = fig.data
    assert bar.orientation == "h" and list(bar.y) == [0, 1, 2] and list(bar.x) == [10, 20, 30]
    assert fig.layout.yaxis.autorange == "reversed" and list(fig.layout.yaxis.tickvals) == [0, 1, 2]
    assert fig.layout.yaxis.ticktext[0] == "Boulogne-sur-Mer,<br>quartier du Chemin<br>Vert"
    assert fig.layout.xaxis.title.text == "%" and fig.layout.showlegend is False
    assert list(bar.text) == ["10 %", "20 %", "30 %"] and bar.textposition == "outside"
    assert bar.cliponaxis is False
    assert fig.layout.height == 110 + row_height(list(fig.layout.yaxis.ticktext)) * 3


def test_bars_leave_room_for_the_value_written_beside_them():
    series = [BarSeries("a", [100, 50], texts=["100 %", "50 %"])]
    assert value_range(series) == [0, pytest.approx(100 * (1.12 + 0.05 * 5))]
    assert value_range([BarSeries("a", [1, 2])]) is None
    fig = bar_chart(["a", "b"], series, x_range=(0, 100), right=48)
    assert list(fig.layout.xaxis.range) == [0, 100] and fig.layout.margin.r == 48


def test_two_series_have_a_legend_above_and_house_colours():
    fig = bar_chart(["a", "b"], [BarSeries("Femmes", [1, 2]), BarSeries("Hommes", [3, 4])])
    assert fig.layout.showlegend is True and fig.layout.legend.y == 1.02 and fig.layout.barmode == "group"
    assert [t.marker.color for t in fig.data] == PALETTE[:2]
    assert fig.data[1].marker.pattern.shape == "/"
    assert (
        bar_chart(["a"], [BarSeries("x", [1]), BarSeries("y", [2])], show_legend=False).layout.showlegend
        is False
    )


def test_a_series_may_fill_some_rows_only():
    fig = bar_chart(
        ["École A", "École B", "École C"],
        [BarSeries("Autre école", [90, 110], rows=[0, 2]), BarSeries("École nommée", [100], rows=[1])],
        mode="overlay",
    )
    assert [list(t.y) for t in fig.data] == [[0, 2], [1]]
    assert list(fig.data[1].hovertext) == ["École B"]  # one series a row: no series name
    with pytest.raises(ValueError, match="2 valeurs pour 1 lignes"):
        bar_chart(["a"], [BarSeries("x", [1, 2], rows=[0])])


def test_hover_texts_are_escaped_and_name_the_series_of_a_group():
    (a, b) = bar_traces(["<i>r</i>"], [BarSeries("S<1>", [1], texts=["1 %"]), BarSeries("T", [2])])
    assert list(a.hovertext) == ["S&lt;1&gt;<br>&lt;i&gt;r&lt;/i&gt; : 1 %"] and a.hoverinfo == "text"
    assert list(b.hovertext) == ["T<br>&lt;i&gt;r&lt;/i&gt;"]
    (c,) = bar_traces(["r"], [BarSeries("S", [1], hovers=["« dit » <b>"])])
    assert list(c.hovertext) == ["« dit » &lt;b&gt;"]
    (d,) = bar_traces(["r"], [BarSeries("S", [1], hovers=["Quartier <A>\nr : 3 sélections"])])
    assert list(d.hovertext) == ["Quartier &lt;A&gt;<br>r : 3 sélections"]


def test_stacked_segments_write_their_text_inside_in_a_readable_ink():
    style = dict(color=[figures.BLUE, figures.SKY_BLUE], line=dict(color=WHITE, width=2))
    (bar,) = bar_traces(
        ["a", "b"], [BarSeries("x", [3, 4], texts=["a", "b"], style=style, inside=True)], "stack"
    )
    assert bar.textposition == "inside" and list(bar.textfont.color) == [WHITE, TEXT_COLOUR]


def test_reference_lines_and_notes_where_a_row_has_no_bar():
    line = reference_line(103.4, "Moyenne départementale citée par le contrat : 103,4")
    assert line["layer"] == "below" and line["x0"] == line["x1"] == 103.4 and line["showlegend"]
    assert line["name"] == "Moyenne départementale citée<br>par le contrat : 103,4"  # fits a phone
    note = row_note(["a", "b"], [1], "non indiquée", "Fréquence non indiquée")
    fig = bar_chart(["a", "b"], [BarSeries("Réunions", [2], rows=[0])], extra=[note], lines=[line])
    assert list(fig.data[1].y) == [1] and list(fig.data[1].text) == ["non indiquée"]
    assert fig.layout.shapes[0].x0 == 103.4 and fig.layout.showlegend is True


def test_a_caller_may_adjust_the_axes_and_the_layout():
    fig = bar_chart(
        ["a"], [BarSeries("x", [1])], xaxis=dict(dtick=1), yaxis=dict(range=[0.7, -0.7]), bargap=0.25
    )
    assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.gridcolor == figures.GRID_COLOUR
    assert list(fig.layout.yaxis.range) == [0.7, -0.7] and fig.layout.bargap == 0.25
    assert fig.layout.yaxis.autorange is False
    legend = dict(figures.LEGEND_ABOVE, font=dict(size=13))
    fig = bar_chart(["a"], [BarSeries("x", [1], texts=["1"])], legend=legend, margin=dict(r=0), value_font={})
    assert fig.layout.legend.font.size == 13 and fig.layout.margin.r == 0 and fig.layout.margin.l == 8
    assert fig.layout.showlegend is False and fig.data[0].textfont.size is None
    with pytest.raises(ValueError, match="Mode de barres inconnu"):
        bar_chart(["a"], [BarSeries("x", [1])], mode="side")


def test_a_change_to_none_removes_a_house_default():
    assert adjusted(dict(a=1, b=2), dict(b=None, c=3)) == dict(a=1, c=3)
    fig = bar_chart(
        ["a"], [BarSeries("x", [1])], xaxis=dict(PLOTLY_VALUE_AXIS, dtick=1), yaxis=dict(tickfont=None)
    )
    x = fig.layout.xaxis
    assert x.zeroline is None and x.zerolinecolor is None and x.nticks is None and x.tickangle is None
    assert x.tickformat is None and x.dtick == 1 and x.gridcolor == figures.GRID_COLOUR
    assert fig.layout.yaxis.tickfont.size is None and fig.layout.yaxis.ticklabelstandoff == 6


def test_a_hover_template_shows_the_bar_s_escaped_hover_text():
    (a, b) = bar_traces(
        ["<i>r</i>", "s"],
        [
            BarSeries("S", [1, 2], hover_template="%{hovertext} : %{x} %"),
            BarSeries("T", [3], rows=[1], hovers=["Ménages <b>\nde 2"], hover_template="%{hovertext}"),
        ],
    )
    assert list(a.hovertext) == ["&lt;i&gt;r&lt;/i&gt;", "s"]  # by default, the row's label
    assert a.hovertemplate == "%{hovertext} : %{x} %" and a.hoverinfo is None
    assert list(b.hovertext) == ["Ménages &lt;b&gt;<br>de 2"]


def test_legend_names_may_stay_whole_and_values_take_the_chart_s_font():
    name = "Comparaison déduite d'un écart imprimé <b>"  # longer than LEGEND_WIDTH
    (cut,) = bar_traces(["a"], [BarSeries(name, [1])])
    (whole,) = bar_traces(["a"], [BarSeries(name, [1], texts=["1 %"])], value_font=None, legend_width=None)
    assert "<br>" in cut.name
    assert whole.name == "Comparaison déduite d'un écart imprimé &lt;b&gt;"
    assert whole.textposition == "outside" and whole.textfont.size is None and whole.textfont.shadow is None


def test_columns_stand_from_the_left_with_escaped_labels():
    fig = column_chart(
        ["2015", "<2016>"],
        [BarSeries("Emploi", [1, 2]), BarSeries("Jeunesse", [3, None], hover_template="%{hovertext} : %{y}")],
        y_title="Montant (€)",
    )
    (a, b) = fig.data
    assert a.orientation == "v" and list(a.x) == [0, 1] and list(a.y) == [1, 2] and list(b.y) == [3, None]
    assert list(fig.layout.xaxis.tickvals) == [0, 1] and list(fig.layout.xaxis.ticktext) == [
        "2015",
        "&lt;2016&gt;",
    ]
    assert list(b.hovertext) == ["2015", "&lt;2016&gt;"] and b.hovertemplate == "%{hovertext} : %{y}"
    assert list(a.hovertext) == ["Emploi<br>2015", "Emploi<br>&lt;2016&gt;"]  # two series: named
    assert [t.marker.color for t in fig.data] == PALETTE[:2] and b.marker.pattern.shape == "/"
    assert fig.layout.barmode == "stack" and fig.layout.showlegend is True
    assert fig.layout.xaxis.zeroline is False and fig.layout.xaxis.ticklabeloverflow == "allow"
    assert (
        fig.layout.yaxis.title.text == "Montant (€)" and fig.layout.legend.y == 1.02
    )  # above: below, it met the years
    assert column_chart(["a"], [BarSeries("x", [1])]).layout.showlegend is False
    with pytest.raises(ValueError, match="Mode de barres inconnu"):
        column_chart(["a"], [BarSeries("x", [1])], mode="side")


def test_bars_may_have_a_colour_each_and_their_text_inside():
    colours = [figures.BLUE, figures.SKY_BLUE, figures.BLUE]
    (bar,) = bar_traces(
        ["a", "b", "c"],
        [BarSeries("x", [1, None, 2], texts=["a", "", "<c>"], style=dict(color=colours), inside=True)],
        "stack",
    )
    assert list(bar.marker.color) == colours and list(bar.x) == [1, None, 2]
    assert list(bar.text) == ["a", "", "&lt;c&gt;"] and list(bar.textfont.color) == [
        WHITE,
        TEXT_COLOUR,
        WHITE,
    ]


def test_stack_totals_are_written_at_the_end_of_each_row():
    series = [BarSeries("a", [3, None]), BarSeries("b", [4, 1]), BarSeries("c", [2], rows=[1])]
    totals = stack_totals(["r", "s"], series, ["7", "<3>"])
    assert list(totals.x) == [7, 3] and list(totals.y) == [0, 1]
    assert list(totals.text) == ["7", "&lt;3&gt;"] and totals.textposition == "middle right"
    assert totals.hoverinfo == "skip" and totals.showlegend is False and totals.cliponaxis is False


def test_rows_may_sit_beside_their_group_on_a_two_level_axis():
    series = [BarSeries("a", [3, 4, 5], texts=["a", "a", "a"], inside=True)]
    fig = bar_chart(
        ["1.1", "1.2", "<2.1>"],
        series,
        mode="stack",
        groups=["Axe 1", "Axe 1", "Axes transversaux"],
        label_width=10,
        extra=[
            stack_totals(["1.1", "1.2", "<2.1>"], series, ["3", "4", "5"]),
            row_note(["r"], [2], "x", "y"),
        ],
    )
    pairs = [["Axe 1", "Axe 1", "Axes<br>transversaux"], ["1.1", "1.2", "&lt;2.1&gt;"]]
    assert [list(map(list, t.y)) for t in fig.data[:2]] == [pairs, pairs]
    assert [list(level) for level in fig.data[2].y] == [["Axes<br>transversaux"], ["&lt;2.1&gt;"]]
    y = fig.layout.yaxis
    assert y.type == "multicategory" and y.autorange == "reversed" and y.showdividers is True
    assert y.dividercolor == TEXT_COLOUR and y.tickson == "boundaries" and y.tickvals is None


def test_a_note_may_stand_off_the_axis():
    assert list(row_note(["a", "b"], [0, 1], "non indiquée", "Fréquence non indiquée", x=0.05).x) == [
        0.05,
        0.05,
    ]


def test_on_a_phone_years_stay_level_and_fewer_are_labelled():
    years = [str(y) for y in range(2015, 2024)]
    fig = column_chart(years, [BarSeries("Emploi", list(range(9))), BarSeries("Jeunesse", list(range(9)))])
    assert fig.layout.xaxis.tickangle == 0 and list(fig.layout.xaxis.ticktext) == years  # a wide screen: all
    narrow = fig.layout.meta["q2030_narrow"]
    assert narrow["below"] == figures.NARROW_BELOW
    assert narrow["layout"]["xaxis"]["ticktext"] == ["2015", "", "2017", "", "2019", "", "2021", "", "2023"]
    assert figures.thinned_labels(["a", "b", "c"]) == ["a", "b", "c"]


def test_on_a_phone_a_long_axis_title_wraps_and_values_get_room():
    fig = bar_chart(
        ["a", "b"],
        [BarSeries("x", [10, 20], texts=["10 000 €", "20 000 €"])],
        x_title="Part de l'enveloppe cumulée (%)",
    )
    assert fig.layout.xaxis.title.text == "Part de l'enveloppe cumulée (%)"  # a wide screen: one line
    narrow = fig.layout.meta["q2030_narrow"]["layout"]["xaxis"]
    assert narrow["title"]["text"] == "Part de l'enveloppe<br>cumulée (%)"
    assert narrow["range"][1] > fig.layout.xaxis.range[1] and narrow["nticks"] <= 4
    short = bar_chart(["a"], [BarSeries("x", [1])], x_title="Nombre")
    assert short.layout.meta is None  # nothing to change on a phone
    assert figures.axis_title_lines("Nombre de sélections") == ["Nombre de", "sélections"]
    assert figures.axis_title_lines("Part de l'enveloppe cumulée 2015-2023 (%)") == [
        "Part de l'enveloppe",
        "cumulée 2015-2023",
        "(%)",
    ]


def test_narrow_changes_add_up_and_merge_nested_keys():
    fig = house_figure([go.Scatter(x=[1], y=[1])])
    figures.on_narrow(fig, layout={"xaxis": {"title": {"text": "a"}}}, data={0: {"text": ["x"]}})
    figures.on_narrow(fig, layout={"xaxis": {"nticks": 3}}, data={0: {"textposition": ["top left"]}})
    narrow = fig.layout.meta["q2030_narrow"]
    assert narrow["layout"] == {"xaxis": {"title": {"text": "a"}, "nticks": 3}}
    assert narrow["data"] == {"0": {"text": ["x"], "textposition": ["top left"]}}
