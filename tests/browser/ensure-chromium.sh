#!/usr/bin/env bash
# Makes Debian's Chromium available to the browser tests (WebPageIT drives it with playwright-core).
#
#   tests/browser/ensure-chromium.sh
#
# If /usr/bin/chromium runs (`--version`), nothing changes (no root needed). Otherwise, as root:
# installs Debian's chromium package with apt-get. Playwright's own browser download
# (`npx playwright install`) is never used: it cannot reach its CDN from these machines, and the
# tests must run the browser the distribution ships and patches.
# Messages go to stderr.
#
# Environment: AIRM_BROWSER=skip does nothing (the same opt-out as -Dairm.browser=skip for the
# tests); AIRM_SKIP_TESTS=true and AIRM_MAVEN_TEST_SKIP=true do nothing (Maven passes -DskipTests and
# -Dmaven.test.skip through them).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

say() { echo "ensure-chromium: $*" >&2; }
die() { echo "ensure-chromium: ERROR: $*" >&2; exit 1; }

if [ $# -gt 0 ]; then
  echo "ensure-chromium: unknown argument $1" >&2
  exit 2
fi

if [ "${AIRM_BROWSER:-}" = "skip" ] || [ "${AIRM_SKIP_TESTS:-false}" = "true" ] ||
  [ "${AIRM_MAVEN_TEST_SKIP:-false}" = "true" ]; then
  say "skipped: the browser tests are skipped"
  exit 0
fi

chromium_runs() { # prints the version line when the binary starts
  [ -x "$CHROMIUM" ] && timeout 60 "$CHROMIUM" --headless --no-sandbox --version 2>/dev/null
}

if version="$(chromium_runs)"; then
  say "$version is ready at $CHROMIUM"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  die "$CHROMIUM does not run, and installing Debian's chromium package needs root. Run this" \
    "script as root (sudo $0), install it yourself (apt-get install chromium), or skip the browser" \
    "tests explicitly with -Dairm.browser=skip."
fi
command -v apt-get >/dev/null 2>&1 ||
  die "$CHROMIUM does not run and there is no apt-get to install Debian's chromium package."
say "installing Chromium (apt-get install -y chromium)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2 || die "apt-get update failed; cannot install Chromium."
apt-get install -y -q chromium >&2 || die "apt-get install chromium failed."
version="$(chromium_runs)" ||
  die "the chromium package is installed but '$CHROMIUM --version' still fails; run it by hand to see why."
say "$version is ready at $CHROMIUM"
