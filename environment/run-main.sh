#!/usr/bin/env bash
# The main job: sets up the machine (Debian packages, jars, the tokendrift-java kernel), then
# executes every notebook headless on the embedded data and committed checkpoints and results,
# writing the executed notebooks, with their charts, to build/notebooks/.
#
#   environment/run-main.sh [--quick]
#
#   --quick   TOKENDRIFT_QUICK=1: the small settings CI uses (minutes instead of the full run)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "run-main.sh: unknown option '$1' (only --quick)" >&2; exit 2 ;;
esac
"$ROOT/environment/setup.sh"
# shellcheck source=jupyter-env.sh
source "$ROOT/environment/jupyter-env.sh"
out="$ROOT/build/notebooks"
mkdir -p "$out"
cd "$ROOT/notebooks"
for nb in [0-9][0-9]-*.ipynb; do
  echo "[main] executing $nb"
  TOKENDRIFT_QUICK=$quick jupyter nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=tokendrift-java --ExecutePreprocessor.timeout=3600 \
    --output-dir "$out" "$nb"
done
echo "[main] done: executed notebooks in $out"
