"""Page sections the évaluation notebooks ask for beside tables, charts and checks."""

from __future__ import annotations

from quartiers2030.core.html import Fragment
from quartiers2030.core.templates import render
from quartiers2030.parts.evaluation import model, wording


def source(table: str) -> Fragment:
    """The line naming where `table` and its commentary stand in the contract's text."""
    return render("evaluation/source.html", sentence=wording.source_sentence(model.contract_table(table)))
