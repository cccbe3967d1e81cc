#!/usr/bin/env bash
# Install Debian's chromium for the report's browser test (test/report-browser.test.ts) when it
# is missing. Idempotent: does nothing when /usr/bin/chromium is there. Quiet: prints one line
# only when it installs or fails. Needs root (or sudo) and Debian's package archive.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then exit 0; fi

if [ "$(id -u)" -eq 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
else echo "ensure-chromium: not root and no sudo: cannot install chromium" >&2; exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then echo "ensure-chromium: no apt-get: cannot install chromium" >&2; exit 1; fi

echo "ensure-chromium: installing Debian's chromium (apt-get install chromium)" >&2
log=$(mktemp)
export DEBIAN_FRONTEND=noninteractive
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  rm -f "$log"
  echo "ensure-chromium: apt-get install chromium failed" >&2
  exit 1
fi
rm -f "$log"
[ -x /usr/bin/chromium ] || { echo "ensure-chromium: installed, but /usr/bin/chromium is missing" >&2; exit 1; }
