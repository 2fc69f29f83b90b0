"""The map module without a build: projections, the optional QPV outlines, labels."""

from __future__ import annotations

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
