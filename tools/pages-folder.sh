#!/usr/bin/env bash
# Put a built site into a folder of the gh-pages branch, or remove that folder, and push.
# Usage: tools/pages-folder.sh put FOLDER SITE_DIR | remove FOLDER
# Used by the Aperçu workflow (pr-N/ previews); the published versions are `make publish`'s.
set -euo pipefail
action="$1"; folder="$2"
case "$folder" in pr-[0-9]*) ;; *) echo "dossier refusé : $folder (attendu : pr-N)" >&2; exit 2 ;; esac
git config --global --add safe.directory "$PWD"
git config --global user.name "github-actions"
git config --global user.email "github-actions@users.noreply.github.com"
if ! git ls-remote --exit-code --heads origin gh-pages >/dev/null; then
  [ "$action" = remove ] && exit 0
  echo "La branche gh-pages n'existe pas encore : publiez d'abord une version (workflow Publish)." >&2
  exit 1
fi
for attempt in 1 2 3; do
  rm -rf .pages && git worktree prune && git fetch -q origin gh-pages && git worktree add -q --force .pages origin/gh-pages
  rm -rf ".pages/$folder"
  if [ "$action" = put ]; then cp -a "$3" ".pages/$folder"; fi
  git -C .pages add -A
  if git -C .pages diff --cached --quiet; then echo "rien à changer"; exit 0; fi
  git -C .pages commit -qm "Aperçu $folder ($action, ${GITHUB_SHA:-local})"
  if git -C .pages push -q origin HEAD:gh-pages; then
    if [ "$action" = put ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      echo "Aperçu du site : dossier $folder/ du site publié, en ligne dès la fin du workflow Pages." >> "$GITHUB_STEP_SUMMARY"
    fi
    exit 0
  fi
  git worktree remove --force .pages
  sleep $((attempt * 5))
done
echo "gh-pages n'a pas pu être mis à jour (trois essais)." >&2
exit 1
