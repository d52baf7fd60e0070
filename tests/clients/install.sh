#!/usr/bin/env bash
# Installs the non-Python programs tutor's export tests run, so `make test`
# works on a fresh machine: Node.js and npm (Debian packages, with apt-get
# when we are root) and gift-pegjs (npm, pinned by package-lock.json, into
# tests/clients/node_modules). Python clients (anki, qti_package_maker,
# Ralph) come with the `test` extra in pyproject.toml.
#
# When something cannot be installed it says which package is missing. Under
# CI (CI=true) that is an error; elsewhere the tests that need it are
# skipped with the same reason.
set -uo pipefail
cd "$(dirname "$0")"

missing() {
    echo "tutor tests: $1" >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
    exit 0
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "tutor tests: installing Node.js and npm (Debian packages nodejs, npm)" >&2
        export DEBIAN_FRONTEND=noninteractive
        { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; } || true
    fi
fi
command -v node >/dev/null 2>&1 || missing "Node.js is not installed; install the Debian package 'nodejs' (apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || missing "npm is not installed; install the Debian package 'npm' (apt-get install npm)"

if [ ! -f node_modules/.installed ] || [ package-lock.json -nt node_modules/.installed ]; then
    npm ci --no-audit --no-fund --loglevel=error >&2 || missing "could not install the npm package gift-pegjs (npm ci in tests/clients)"
    touch node_modules/.installed
fi
