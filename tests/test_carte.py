"""The map module without a build: projections, the optional QPV outlines, labels."""

from __future__ import annotations

import html
import json
import math
import shutil

import pytest

from helpers import REPO
from quartiers2030.data import datapackage
from quartiers2030.parts.geographie import maps as carte


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A copy of the data, as the root of a book, for the tests that add a file."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    monkeypatch.setenv("Q2030_ROOT", str(tmp_path))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)
    datapackage._descriptor.cache_clear()
    yield tmp_path
    datapackage._descriptor.cache_clear()


def test_lambert93_origin_and_round_trip():
    assert carte.lambert93_to_wgs84(700000, 6600000) == pytest.approx((3.0, 46.5), abs=1e-9)
    for lon, lat in [(1.6186, 50.7337), (2.3522, 48.8566), (-1.55, 43.48)]:
        x, y = carte.wgs84_to_lambert93(lon, lat)
        assert carte.lambert93_to_wgs84(x, y) == pytest.approx((lon, lat), abs=1e-8)
    # Boulogne-sur-Mer lies in the north-west of the projection's grid.
    x, y = carte.wgs84_to_lambert93(1.6186, 50.7337)
    assert 590_000 < x < 610_000 and 7_060_000 < y < 7_080_000


def test_projection_keeps_a_kilometre_a_kilometre():
    project = carte.Projection(50.7)
    x0, y0 = project(1.6, 50.7)
    x1, _ = project(1.6 + 1 / (111.195 * math.cos(math.radians(50.7))), 50.7)
    _, y1 = project(1.6, 50.7 + 1 / 111.195)
    assert x1 - x0 == pytest.approx(1, rel=1e-3) and y1 - y0 == pytest.approx(1, rel=1e-3)


def _square(lon, lat, half=0.002):
    return [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]


def _write_outlines(root, features):
    path = root / "data" / datapackage.resource("qpv_contours", root)["path"]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def test_without_the_outline_file_the_maps_say_so(root):
    assert carte.qpv_outlines() == {}
    assert "ne sont pas encore inclus" in carte.outline_notice().markup
    figure = carte.cab_map()
    assert not [t for t in figure.plot.data if (t.name or "").startswith("Contour officiel")]
    assert "ne sont pas encore inclus" in figure.description


def test_an_official_file_in_lambert93_draws_the_cab_outlines_only(root):
    lambert = [[list(carte.wgs84_to_lambert93(lon, lat)) for lon, lat in _square(1.598, 50.713)]]
    _write_outlines(
        root,
        [
            {
                "type": "Feature",
                "properties": {"code_qp": "QN06249M", "lib_qp": "Damrémont"},
                "geometry": {"type": "Polygon", "coordinates": lambert},
            },
            {
                "type": "Feature",
                "properties": {"code_qp": "QN07501M", "lib_qp": "Ailleurs"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[650000, 6860000], [651000, 6860000], [651000, 6861000], [650000, 6860000]]
                    ],
                },
            },
        ],
    )
    outlines = carte.qpv_outlines()
    assert list(outlines) == ["QN06249M"]
    lon, lat = outlines["QN06249M"][0][0]
    assert lon == pytest.approx(1.596, abs=1e-6) and lat == pytest.approx(50.711, abs=1e-6)
    assert "contours officiels" in carte.outline_notice().markup
    figure = carte.map_figure(
        carte.MapSpec(id="t", title="t", focus=carte.qpv_communes()["QN06249M"], highlight_qpv="QN06249M")
    )
    drawn = [t for t in figure.plot.data if (t.name or "").startswith("Contour officiel")]
    assert drawn and drawn[0].fill == "toself"
    assert "ne sont pas encore inclus" not in figure.description


def test_a_multipolygon_in_wgs84_with_another_property_name(root):
    _write_outlines(
        root,
        [
            {
                "type": "Feature",
                "properties": {"CODE_QP": "QN06252M"},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[_square(1.59, 50.70)], [_square(1.60, 50.69)]],
                },
            }
        ],
    )
    assert len(carte.qpv_outlines()["QN06252M"]) == 2


def test_an_undeclared_geojson_is_refused_while_a_notebook_executes(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.setenv(datapackage.DECLARED_INPUTS_ENV, "qpv")
    with pytest.raises(datapackage.UndeclaredInput, match="communes_cab"):
        carte.communes()


def test_labels_of_close_points_go_to_different_sides():
    points = [(0.0, 0.0), (0.05, 0.0), (0.0, 0.05)]
    positions = carte.place_labels(points, ["62,8", "75,7", "98,1"], km_per_px=0.01)
    assert len(set(positions)) == 3


def test_a_name_is_written_inside_its_commune_away_from_the_markers():
    ring = [(0, 0), (10, 0), (10, 4), (0, 4), (0, 0)]
    marker = (4.5, 1.5, 5.5, 2.5)  # a box to keep clear
    x, y = carte.label_spot(ring, avoid=[marker], width=3, height=0.5)
    assert carte._inside(x, y, ring)
    assert x + 1.5 <= 4.5 or x - 1.5 >= 5.5 or y + 0.25 <= 1.5 or y - 0.25 >= 2.5


def test_communes_of_each_qpv_are_found_by_name(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)
    by_qpv = carte.qpv_communes()
    assert by_qpv["QN06249M"] == ["62160"]  # Boulogne-sur-Mer
    assert sorted(by_qpv["QN06252M"]) == ["62160", "62643", "62667"]  # with Outreau and Le Portel
    assert sorted(by_qpv["QN06251M"]) == ["62160", "62758"]  # with Saint-Martin-Boulogne


# --- unit tests of the modules the maps and IPS figures are split into ------------------------

from quartiers2030.parts.geographie import ips, map_labels, projection  # noqa: E402


def test_rings_of_polygons_and_multipolygons_keep_outer_rings_only():
    outer, hole = _square(1.6, 50.7), _square(1.6, 50.7, half=0.001)
    assert projection.rings_of({"type": "Polygon", "coordinates": [outer, hole]}) == [
        [tuple(p) for p in outer]
    ]
    multi = {"type": "MultiPolygon", "coordinates": [[outer], [_square(1.7, 50.8)]]}
    assert len(projection.rings_of(multi)) == 2
    assert projection.rings_of({"type": "Point", "coordinates": [1.6, 50.7]}) == []


def test_rings_in_lambert93_are_recognised_and_converted():
    degrees = [[(1.6, 50.7), (1.61, 50.7), (1.61, 50.71)]]
    assert projection.to_wgs84(degrees) is degrees  # already WGS 84: untouched
    metres = [[projection.wgs84_to_lambert93(lon, lat) for lon, lat in degrees[0]]]
    back = projection.to_wgs84(metres)
    for (lon, lat), (lon2, lat2) in zip(degrees[0], back[0]):
        assert lon2 == pytest.approx(lon, abs=1e-8) and lat2 == pytest.approx(lat, abs=1e-8)


def test_centroid_area_bounds_and_path_of_a_square():
    square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]  # open ring: closed by the functions
    assert projection.centroid(square) == pytest.approx((1.0, 1.0))
    assert projection.ring_area(square) == pytest.approx(4.0)
    assert projection.centroid([(1.0, 1.0), (1.0, 1.0), (1.0, 1.0)]) == (1.0, 1.0)  # degenerate
    assert projection.bounds([square, [(-1.0, 5.0)]]) == (-1.0, 0.0, 2.0, 5.0)
    xs, ys = projection.path([square], projection.Projection(0.0))
    assert len(xs) == len(ys) == 5 and xs[-1] is None and ys[-1] is None  # a gap ends each ring
    assert ys[2] == pytest.approx(2 * projection.KM_PER_DEGREE, abs=1e-3)


def test_a_label_stays_inside_the_view_when_it_can():
    view = (-0.08, -0.08, 1.0, 1.0)  # no room on the left or below the marker
    positions, boxes = map_labels.label_layout([(0.0, 0.0)], ["62,8"], km_per_px=0.01, view=view)
    assert map_labels.within(boxes[-1], view)
    assert positions[0] in {"middle right", "top center", "top right"}
    free = map_labels.place_labels([(0.0, 0.0)], ["62,8"], km_per_px=0.01)
    assert free != positions  # without the view, another side overlaps its marker less


def test_label_boxes_do_not_overlap_each_other():
    points = [(0.0, 0.0), (0.05, 0.0), (0.0, 0.05), (0.05, 0.05)]
    positions, boxes = map_labels.label_layout(points, ["62,8", "75,7", "98,1", "89,4"], km_per_px=0.005)
    labels = boxes[len(points) :]
    assert len(labels) == len(positions) == 4
    for i, box in enumerate(labels):
        assert map_labels.overlap(box, labels[:i] + labels[i + 1 :]) == 0


def test_overlap_within_and_inside():
    assert map_labels.overlap((0, 0, 2, 2), [(1, 1, 3, 3), (5, 5, 6, 6)]) == 1
    assert map_labels.within((0, 0, 1, 1), None) and map_labels.within((0, 0, 1, 1), (0, 0, 1, 1))
    assert not map_labels.within((0, 0, 2, 1), (0, 0, 1, 1))
    ring = [(0, 0), (4, 0), (4, 4), (2, 1), (0, 4)]  # a concave outline
    assert map_labels.inside(1, 1, ring) and not map_labels.inside(2, 3, ring)
    assert map_labels.name_box((0, 0), "ab", 1.0) == pytest.approx(
        (-(0.62 * 24 + 6) / 2, -8, (0.62 * 24 + 6) / 2, 8)
    )


def test_ips_classes_and_their_legend():
    assert [carte.ips_class(v, 93.78) for v in (62.8, 80, 93.7, 93.78, 120)] == [
        "low",
        "mid",
        "mid",
        "high",
        "high",
    ]
    labels = carte.ips_class_labels(93.78)
    assert labels == {
        "low": "Collège, IPS inférieur à 80",
        "mid": "Collège, IPS de 80 à 93,78",  # l. 563: the departmental mean the contract cites
        "high": "Collège, IPS d'au moins 93,78",
    }
    assert carte.legend_text(93.78) == html.escape(" ; ".join(labels.values()))
    assert [symbol for _, _, symbol in carte.IPS_CLASSES] == ["triangle-down", "diamond", "circle"]


def test_rentree_columns_of_the_colleges_file():
    import pandas as pd

    frame = pd.DataFrame(columns=["uai", "ips_2022_2023", "ecart_type_ips_2022_2023", "ips_2023_2024"])
    assert carte.rentree_columns(frame) == {"2022-2023": "ips_2022_2023", "2023-2024": "ips_2023_2024"}
    assert ips.column(frame, "ecart_type_ips", "2022-2023") == "ecart_type_ips_2022_2023"
    assert ips.column(frame, "effectifs", "2022-2023") is None


def test_school_names_in_french_typography(monkeypatch):
    monkeypatch.setenv("Q2030_ROOT", str(REPO))
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)
    name = ips.SchoolNames.load()
    assert name("ECOLE ELEMENTAIRE DUCHENNE QUINET") == "École élémentaire Duchenne Quinet"  # l. 693
    assert name("ECOLE ELEMENTAIRE DUCHENNE QUINET", short=True) == "Duchenne Quinet"
    assert name("ECOLE PRIMAIRE PRIVEE SAINTE ANNE", short=True) == "Sainte Anne (privée)"
    assert name("ECOLE PRIMAIRE D APPLICATION L ESPERANCE") == "École primaire d'application l'Esperance"
    assert name("GROUPE SCOLAIRE", short=True) == "Groupe scolaire"  # nothing left: kept whole
    assert ips.college_name("Collège privé Nazareth") == "Nazareth (privé)"
    assert ips.college_name("Collège Paul Langevin") == "Paul Langevin"  # l. 563


def test_the_names_other_modules_import_from_maps_are_still_there():
    names = [
        "HALO",
        "MapSpec",
        "Projection",
        "_inside",
        "cab_map",
        "centre_map",
        "outline_notice",
        "college_rentree",
        "communes",
        "departmental_mean",
        "label_spot",
        "lambert93_to_wgs84",
        "wgs84_to_lambert93",
        "map_figure",
        "place_labels",
        "qpv_communes",
        "qpv_outlines",
        "rentree_columns",
        "split_communes",
        "colleges",
        "ips_class",
        "ips_class_labels",
        "legend_text",
        "load_geojson",
        "outlines_available",
    ]
    assert [n for n in names if not hasattr(carte, n)] == []
