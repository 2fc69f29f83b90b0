"""A problem found in a data file, said in French for the person who edits it: file, line,
column, value found, what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, said in French for the person who edits it."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f", ligne {self.line}"
        if self.column:
            where += f", colonne « {self.column} »"
        found = f" (valeur trouvée : « {self.value} »)" if self.value not in (None, "") else ""
        return f"{where} : {self.message}{found}.\n    → {self.fix}"


class DataError(ValueError):
    """A problem of the data found while a page is calculated (the check refuses what it
    can foresee first): said on one line, in French, at its file, line and column, so that
    the failed build repeats it (`site.failures`)."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem).replace("\n    → ", " → "))
        self.problem = problem
