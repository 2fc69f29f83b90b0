#!/usr/bin/env bash
# What the build and the tests need from the system, installed when this machine allows it:
# `npm` (Node.js and npm: front-end assets and test tools from the npm registry) and
# `chromium` (Debian's, for the browser tests; never a browser downloaded by a tool) and
# `java` (a Java runtime, for the Nu HTML checker of the markup tests).
# Usage: tools/system-deps.sh npm [chromium] [java]. As root, through apt; otherwise the exact
# command to run, and a non-zero exit.
set -euo pipefail

missing=()
for need in "$@"; do
  case "$need" in
    npm) command -v npm >/dev/null 2>&1 || missing+=(nodejs npm) ;;
    chromium) command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
    java) command -v java >/dev/null 2>&1 || missing+=(default-jre-headless) ;;
    *) echo "tools/system-deps.sh : dépendance inconnue « $need »" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Il manque : ${missing[*]}. Installez-les puis relancez :" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installation de ${missing[*]} (apt)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
