#!/usr/bin/env bash
# The test command: installs the missing Debian packages (jupyter-nbconvert, fonts; JDK and Maven
# if absent), then builds everything and runs every test, notebooks included (quick mode).
#
#   environment/run-tests.sh [extra Maven arguments]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/environment/setup.sh" --packages-only
cd "$ROOT"
exec mvn -B -Dstyle.color=never verify "$@"
