#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: runs the browser test that visits the main pages of a demo server
# (tests/Vigil.BrowserTests/ScreenshotTests.cs) with VIGIL_SCREENSHOTS pointing at docs/screenshots.
# Needs /usr/bin/chromium (Debian's chromium package), like the browser tests, and a Chinese font for the PNGs
# (Debian's fonts-wqy-microhei, installed here when no CJK font is present).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! fc-list :lang=zh | grep -q .; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get install -y -qq fonts-wqy-microhei
fi
mkdir -p docs/screenshots
VIGIL_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/Vigil.BrowserTests --filter "FullyQualifiedName~ScreenshotTests"
ls -1 docs/screenshots
