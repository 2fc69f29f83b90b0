"""`make bench` says which goal it missed and what the measurement says of why (no timing
is asserted: the numbers below are the test's own)."""

from __future__ import annotations

from quartiers2030.site import bench

LOG = """\
/b/notebooks/a.md: Executing notebook using local CWD [mystnb]
/b/notebooks/a.md: Executed notebook in 1.07 seconds [mystnb]
/b/notebooks/b.md: Executed notebook in 12.50 seconds [mystnb]
"""


def result(**changes) -> dict:
    base = {
        "clean_build_s": 46.6,
        "notebooks_clean": 29,
        "kernel_s_clean": 59.2,
        "jobs": 2,
        "one_csv_edit_rebuild_s": 4.0,
        "notebooks_after_edit": ["notebooks/evaluation/egalite.md"],
        "kernel_s_after_edit": 2.0,
    }
    return {**base, **changes}


def test_kernel_seconds_are_read_from_myst_nb_log():
    assert bench.kernel_seconds(LOG) == [1.07, 12.5]


def test_a_slow_clean_build_is_explained_by_the_kernels_on_the_cores():
    (miss,) = bench.build_misses(result())
    assert "46.6 s > 30 s" in miss and "59.2 s de noyau" in miss and "29.6 s sur 2 cœur(s)" in miss


def test_goals_met_give_no_miss_and_a_slow_edit_is_named():
    assert bench.build_misses(result(clean_build_s=29.0)) == []
    (miss,) = bench.build_misses(result(clean_build_s=29.0, one_csv_edit_rebuild_s=8.9))
    assert "8.9 s > 5 s" in miss and "1 notebook(s)" in miss


def test_gzip_size_is_what_a_host_sends(tmp_path):
    asset = tmp_path / "a.js"
    asset.write_bytes(b"var plotly = 1;\n" * 1000)
    size = bench.gzip_size(asset)
    assert 0 < size < 1000
    assert bench.gzip_size(tmp_path / "absent.js") == 0
