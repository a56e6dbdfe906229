#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: runs the browser test that visits the main pages of a demo server
# (tests/Vigil.BrowserTests/ScreenshotTests.cs) with VIGIL_SCREENSHOTS pointing at docs/screenshots.
# Needs /usr/bin/chromium (Debian's chromium package), like the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/screenshots
VIGIL_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/Vigil.BrowserTests --filter "FullyQualifiedName~ScreenshotTests"
ls -1 docs/screenshots
