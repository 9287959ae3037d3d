#!/usr/bin/env bash
# Set up vbparse from nothing and run the main job on the bundled sample report.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
sample=fixtures/pdf/seed000-a_sans_grid.pdf
mkdir -p out
echo "== vbparse inspect $sample"
.venv/bin/vbparse inspect "$sample" | head -n 12
.venv/bin/vbparse parse "$sample" --format json > out/sample.json
.venv/bin/vbparse parse "$sample" --format csv -o out/csv
echo "== wrote out/sample.json and out/csv/ ($(ls out/csv | tr '\n' ' '))"
