"""Validation reuses what it found for a file that did not change (within one process, and
across processes for what a passed build check found valid), and never hides a change: of
the file, of its descriptor, or of a file it refers to."""

from __future__ import annotations

import json

from quartiers2030.data import schema_errors, validation

FH = "data/evaluation/egalite_fh_montants.csv"
ENV = "data/evaluation/enveloppe_etat.csv"
PIL = "data/evaluation/piliers.csv"


def _edit(root, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_file_changed_after_a_check_is_validated_again(root):
    assert validation.check(root).problems == []
    _edit(root, FH, "2019,38943,", "2019,38943 euros,")
    [problem] = validation.check(root).problems
    assert (problem.file, problem.line, problem.column) == (FH, 3, "montant_eur")
    _edit(root, FH, "2019,38943 euros,", "2019,38943,")
    assert validation.check(root).problems == []


def test_a_code_removed_from_the_table_referred_to_is_seen_in_the_files_that_use_it(root):
    assert validation.check(root).problems == []
    lines = (root / PIL).read_text(encoding="utf-8").split("\n")
    (root / PIL).write_text(
        "\n".join(line for line in lines if not line.startswith("jeunesse,")), encoding="utf-8"
    )
    problems = validation.check(root).problems
    assert any(p.file == ENV and p.value == "jeunesse" and "n'existe pas" in p.message for p in problems)


def test_a_changed_schema_is_applied(root):
    assert validation.check(root).problems == []
    path = root / "data" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == "egalite_fh_montants":
            for field in res["schema"]["fields"]:
                if field["name"] == "montant_eur":
                    field.setdefault("constraints", {})["maximum"] = 100
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    problems = validation.check(root).problems
    assert problems and all(p.file == FH and p.column == "montant_eur" for p in problems)


# --- across processes: what a build found valid is kept in the build's work folder ---------


def _new_process(monkeypatch) -> None:
    """What a new `make check` starts with: nothing in memory."""
    monkeypatch.setattr(schema_errors, "_VALIDATED", {})
    monkeypatch.setattr(schema_errors, "_LAST_VALID", {})


def test_make_check_alone_writes_nothing_and_a_passed_build_check_keeps_the_valid_files(root, monkeypatch):
    assert validation.check(root).problems == []
    assert not (root / schema_errors.VALID_ON_DISK).exists()
    assert validation.check(root, write=True).problems == []
    kept = json.loads((root / schema_errors.VALID_ON_DISK).read_text(encoding="utf-8"))
    described = schema_errors.present(root)["resources"]
    assert len(kept) == len(described) + 1  # every resource, and the package's metadata


def test_a_file_changed_since_the_last_build_is_validated_again_in_a_new_process(root, monkeypatch):
    assert validation.check(root, write=True).problems == []
    _new_process(monkeypatch)
    _edit(root, FH, "2019,38943,", "2019,38943 euros,")
    [problem] = validation.check(root).problems
    assert (problem.file, problem.line, problem.column) == (FH, 3, "montant_eur")


def test_a_table_referred_to_changed_since_the_last_build_is_seen_in_a_new_process(root, monkeypatch):
    assert validation.check(root, write=True).problems == []
    _new_process(monkeypatch)
    lines = (root / PIL).read_text(encoding="utf-8").split("\n")
    (root / PIL).write_text("\n".join(x for x in lines if not x.startswith("jeunesse,")), encoding="utf-8")
    problems = validation.check(root).problems
    assert any(p.file == ENV and p.value == "jeunesse" for p in problems)


def test_unchanged_files_are_not_validated_again_in_a_new_process(root, monkeypatch):
    assert validation.check(root, write=True).problems == []
    _new_process(monkeypatch)
    _edit(root, FH, "2019,38943,", "2019,38944,")
    import frictionless

    validated: list[str] = []
    real = frictionless.Resource.validate

    def counting(self, *args, **kwargs):
        validated.append(self.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(frictionless.Resource, "validate", counting)
    assert validation.check(root).problems == []
    assert validated == ["egalite_fh_montants"]


def test_a_damaged_record_on_disk_is_ignored(root, monkeypatch):
    (root / schema_errors.VALID_ON_DISK).parent.mkdir(parents=True)
    (root / schema_errors.VALID_ON_DISK).write_text("{pas du json", encoding="utf-8")
    _edit(root, FH, "2019,38943,", "2019,38943 euros,")
    assert [p.line for p in validation.check(root).problems] == [3]
