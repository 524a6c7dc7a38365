#!/usr/bin/env bash
# Installs Debian's Chromium and its matching ChromeDriver for the browser integration tests
# (ingest-gateway TrackerBrowserIT). Idempotent: does nothing when both are already there.
# Debian's packages are used on purpose: no browser or driver is downloaded at test time.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
  echo "install-browser: chromium and chromedriver already installed"
else
  SUDO=""
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO="sudo"
    else
      echo "install-browser: not root and no sudo; install 'chromium' and 'chromium-driver' by hand" >&2
      exit 1
    fi
  fi
  echo "install-browser: installing chromium and chromium-driver"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    chromium chromium-driver >/dev/null
fi

"$CHROMIUM" --version
"$CHROMEDRIVER" --version
