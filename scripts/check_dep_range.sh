#!/usr/bin/env bash
# Install vbparse with the lowest and the highest allowed pdfplumber (each pins its own
# pdfminer.six) into throwaway venvs and run the tests that exercise pdfminer most
# (bounds, hostile input, both readers, fixtures). Slow (two installs): not in the default run.
#   ./scripts/check_dep_range.sh            # both ends
#   ./scripts/check_dep_range.sh 0.11.9     # one version
set -euo pipefail
cd "$(dirname "$0")/.."
versions=("${@:-0.11.9 0.11.10}")
[ $# -eq 0 ] && versions=(0.11.9 0.11.10)
status=0
for v in "${versions[@]}"; do
  venv=$(mktemp -d)/venv
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet -e ".[dev]" "pdfplumber==$v"
  echo "== pdfplumber $v, $("$venv/bin/python" -c 'import importlib.metadata as m; print("pdfminer.six", m.version("pdfminer.six"))')"
  if ! "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/test_bad_input.py tests/test_hostile.py \
        tests/test_security.py tests/test_readers.py tests/test_accuracy.py; then
    status=1
  fi
  rm -rf "$(dirname "$venv")"
done
exit $status
