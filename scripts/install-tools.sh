#!/usr/bin/env bash
# Installs with apt-get the command-line tools that the project's scripts use and a new machine may lack:
#   scripts/install-tools.sh wrk psql pgbench curl docker-compose chromium
# A tool already there is left alone. docker-compose stands for any Compose: the docker client's compose plugin
# when it has one, else Debian's docker-compose, enough to validate compose.yaml (no Docker engine is needed).
# chromium is the headless browser of the pages' tests (Playwright drives it and never downloads a browser).
set -euo pipefail

missing=()
for tool in "$@"; do
  case "$tool" in
    wrk) command -v wrk >/dev/null || missing+=(wrk) ;;
    psql) command -v psql >/dev/null || missing+=(postgresql-client) ;;
    pgbench) pgbench --version >/dev/null 2>&1 || missing+=(postgresql-contrib) ;;
    curl) command -v curl >/dev/null || missing+=(curl) ;;
    chromium) command -v chromium >/dev/null || missing+=(chromium) ;;
    docker-compose)
      { command -v docker >/dev/null && docker compose version >/dev/null 2>&1; } \
        || command -v docker-compose >/dev/null || missing+=(docker-compose) ;;
    *) echo "install-tools: no package known for $tool" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing ${missing[*]}" >&2
sudo=""
if [ "$EUID" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "missing ${missing[*]}: install them, or run as root" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
