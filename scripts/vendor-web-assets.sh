#!/usr/bin/env bash
# Refreshes the browser libraries vendored under src/Vigil/wwwroot/lib from the npm registry, at the versions
# pinned exactly in src/Vigil/package.json (echarts pins its own dependencies exactly; leaflet has none). The copies are committed, so `dotnet run` on a fresh clone
# needs neither npm nor the internet; run this only to upgrade, then commit the result.
set -euo pipefail
cd "$(dirname "$0")/../src/Vigil"
npm install --no-audit --no-fund --ignore-scripts --no-package-lock
mkdir -p wwwroot/lib/echarts
cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE node_modules/echarts/NOTICE wwwroot/lib/echarts/
echo "echarts $(node -p 'require("./node_modules/echarts/package.json").version') copied to wwwroot/lib/echarts"
mkdir -p wwwroot/lib/leaflet
cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images node_modules/leaflet/LICENSE wwwroot/lib/leaflet/
echo "leaflet $(node -p 'require("./node_modules/leaflet/package.json").version') copied to wwwroot/lib/leaflet"
