#!/usr/bin/env bash
# Install the four PDF producers the look-space benchmark and the sample fixtures use:
#   reportlab (pip), LibreOffice from .docx (python-docx + soffice), WeasyPrint (pip + pango),
#   headless Chromium. Plus the font families the looks ask for, in fontconfig.
# Idempotent: installed packages are left alone. Debian/Ubuntu (apt); run as root or with sudo.
# The default test suite needs none of this (it only parses committed PDFs).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libreoffice-writer-nogui          # docx -> PDF (soffice --headless --convert-to pdf)
  chromium                          # HTML -> PDF (chromium --headless --print-to-pdf)
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0  # WeasyPrint's text stack
  fonts-liberation2                 # Liberation Sans / Serif 2 (Arial / Times metrics)
  fonts-crosextra-carlito           # Carlito (Calibri metrics)
  fonts-dejavu                      # DejaVu Sans / Serif
  fontconfig
  ghostscript poppler-utils         # second writers for benchmarks/redistill.py and fixtures/redistilled/
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  fc-cache -f >/dev/null
else
  echo "apt packages: all present"
fi

# Python side, into the project's venv (created if absent).
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet -e ".[dev]" python-docx reportlab weasyprint

# Report what the benchmark will find.
PYTHONPATH=src:. .venv/bin/python - <<'EOF'
from fixtures.render.producers import missing
for writer in ("reportlab", "docx", "weasyprint", "chromium"):
    reason = missing(writer)
    print(f"{writer:>10}: {'ready' if reason is None else 'MISSING ' + reason}")
EOF
