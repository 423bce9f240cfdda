#!/usr/bin/env bash
# Install the project with its test extras into .venv and run the test suite.
#   bash scripts/test.sh                  the suite on the embedded SQLite database
#   bash scripts/test.sh --all-backends   on SQLite, PostgreSQL and MariaDB side by side (servers started if needed)
# Further arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

all_backends=0
if [[ "${1:-}" == "--all-backends" ]]; then all_backends=1; shift; fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
for example in examples/*/; do
  [[ -f "$example/pyproject.toml" ]] && .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$example"
done

export QT_QPA_PLATFORM=offscreen
run_suite() {
  echo "=== test suite on $1 ==="
  local backend=$1; shift
  SERVICE_CONSOLE_TEST_DB="$backend" .venv/bin/python -m pytest -p no:cacheprovider "$@"
}

if [[ $all_backends == 0 ]]; then
  run_suite "${SERVICE_CONSOLE_TEST_DB:-sqlite}" "$@"
  exit
fi

bash scripts/start-databases.sh
# The three suites run side by side (each has databases of its own); their output follows in turn.
backends=(sqlite postgresql mariadb)
logs=$(mktemp -d)
pids=()
for backend in "${backends[@]}"; do
  run_suite "$backend" "$@" >"$logs/$backend.log" 2>&1 &
  pids+=($!)
done
status=0
results=()
for i in "${!backends[@]}"; do
  if wait "${pids[$i]}"; then results+=("${backends[$i]}: passed"); else results+=("${backends[$i]}: FAILED"); status=1; fi
done
for backend in "${backends[@]}"; do cat "$logs/$backend.log"; done
printf '%s\n' "${results[@]}"
rm -rf "$logs"
exit $status
