"""The extension's settings: each a declared `q2030_*` Sphinx config value with help text,
the book's values in `_config.yml`, and a wrong type refused in French."""

from __future__ import annotations

import dataclasses as dc
from types import SimpleNamespace

import pytest
import yaml

from helpers import REPO
from quartiers2030.site.ext import config


class Recorder:
    """Stands for a Sphinx application: records what is registered."""

    def __init__(self):
        self.values = {}

    def add_config_value(self, name, default, rebuild, types=(), description=""):
        self.values[name] = (default, rebuild, types, description)


def test_every_setting_has_help_text_and_a_declared_type():
    app = Recorder()
    config.register(app)
    assert len(app.values) == len(config.fields()) > 0
    for name, (default, rebuild, types, description) in app.values.items():
        assert name.startswith("q2030_")
        assert len(description.split()) >= 3, f"{name} : réglage sans texte d'aide"
        assert rebuild in ("env", "html"), name
        assert isinstance(default, tuple(types)), name


def test_the_book_sets_only_declared_settings():
    sphinx_config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    declared = {config.PREFIX + f.name for f in config.fields()}
    ours = {k for k in sphinx_config if k.startswith(config.PREFIX)}
    assert ours and ours <= declared, ours - declared
    # The accessibility statement and its page are settings of the book, not code.
    assert sphinx_config["q2030_conformity"] == "Accessibilité : non conforme"
    assert sphinx_config["q2030_accessibility_page"] == "book/accessibilite"


def _app(**values):
    defaults = {config.PREFIX + f.name: getattr(config.SiteConfig(), f.name) for f in config.fields()}
    return SimpleNamespace(config=SimpleNamespace(**{**defaults, **values}))


def test_settings_are_read_back_as_one_frozen_object():
    settings = config.from_app(_app(q2030_glossary_page="book/glossaire", q2030_chart_scripts=("a.js",)))
    assert settings.glossary_page == "book/glossaire"
    assert settings.chart_scripts == ["a.js"]
    with pytest.raises(dc.FrozenInstanceError):
        settings.glossary_page = "ailleurs"


def test_a_setting_of_the_wrong_type_is_refused():
    with pytest.raises(TypeError, match="q2030_data_suffixes"):
        config.from_app(_app(q2030_data_suffixes=".csv"))


def test_setup_only_registers_one_feature_per_module():
    """`setup` declares the settings and calls each concern's own `setup_x(app)`: every
    module of the extension that connects to Sphinx is one of them."""
    import pkgutil

    from quartiers2030.site import ext

    app = Recorder()
    calls = []
    app.connect = lambda event, handler, priority=500: calls.append((event, handler.__module__))
    app.add_env_collector = lambda collector: calls.append(("collector", collector.__module__))
    app.add_css_file = lambda name: None
    app.add_js_file = lambda name, **attributes: None
    metadata = ext.setup(app)
    # Pages are read (executed) in parallel (site/parallel_book.py): each reading process
    # sets its kernels' inputs, and the staleness collector merges the pages' digests back.
    assert metadata["parallel_read_safe"] is True and metadata["parallel_write_safe"] is True
    connected = {module.rsplit(".", 1)[1] for _, module in calls}
    modules = {m.name for m in pkgutil.iter_modules(ext.__path__)}
    assert connected == modules - {"config", "files"}
    assert [f.__module__.rsplit(".", 1)[1] for f in ext.FEATURES] == [
        f.__name__.removeprefix("setup_") for f in ext.FEATURES
    ]
