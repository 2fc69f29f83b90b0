"""What the build knows of its version: taken from git (or from the publishing command),
never from the clock, so that two builds of one commit are byte-identical."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

RELEASE_TAG = re.compile(r"^v\d{4}\.\d+$")  # v2024.1: the signed contract; v2027.1: its update
DEV = "dev"

# Set by `quartiers2030 publish`, which builds each version from an export without .git.
ENV_VERSION, ENV_COMMIT, ENV_DATE = "Q2030_VERSION", "Q2030_COMMIT", "Q2030_DATE"
ENV_PUBLISHED = "Q2030_PUBLISHED"
ENV_PREVIOUS_VERSION, ENV_PREVIOUS_DATA = "Q2030_PREVIOUS_VERSION", "Q2030_PREVIOUS_DATA"
# The built site of that previous release (its published folder), whose pages' texts the
# « Ce qui a changé » page compares with this version's.
ENV_PREVIOUS_SITE = "Q2030_PREVIOUS_SITE"


@dataclass(frozen=True)
class BuildInfo:
    version: str  # a release tag, or "dev"
    commit: str  # short hash, "" when unknown
    date: str  # commit date, ISO 8601, "" when unknown

    @property
    def is_release(self) -> bool:
        return bool(RELEASE_TAG.match(self.version))


def git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip()


def build_info(root: Path) -> BuildInfo:
    if os.environ.get(ENV_VERSION):
        return BuildInfo(
            os.environ[ENV_VERSION], os.environ.get(ENV_COMMIT, ""), os.environ.get(ENV_DATE, "")
        )
    if git(root, "rev-parse", "--is-inside-work-tree") != "true":
        return BuildInfo(DEV, "", "")
    tags = (git(root, "tag", "--points-at", "HEAD") or "").split()
    releases = sorted((t for t in tags if RELEASE_TAG.match(t)), key=release_key)
    return BuildInfo(
        releases[-1] if releases else DEV,
        git(root, "rev-parse", "--short=12", "HEAD") or "",
        git(root, "log", "-1", "--format=%cs", "HEAD") or "",
    )


def release_key(tag: str) -> tuple[int, int]:
    year, number = tag[1:].split(".")
    return int(year), int(number)


def releases(root: Path, before: str | None = None) -> list[str]:
    """Release tags of the repository, oldest first (only those before `before`)."""
    tags = [t for t in (git(root, "tag", "--list", "v*") or "").split() if RELEASE_TAG.match(t)]
    tags.sort(key=release_key)
    if before and RELEASE_TAG.match(before):
        tags = [t for t in tags if release_key(t) < release_key(before)]
    return tags
