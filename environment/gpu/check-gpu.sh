#!/usr/bin/env bash
# Checks the TokenDrift engine on a local NVIDIA GPU through ND4J's CUDA 11.6 backend.
# See environment/gpu/README.md. Run from anywhere inside the repository.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
mkdir -p data/results
LOG=data/results/check-gpu.log
exec > >(tee "$LOG") 2>&1

echo "== GPU"
if ! command -v nvidia-smi >/dev/null; then
  echo "nvidia-smi not found: no NVIDIA driver on this machine. Nothing to check."; exit 1
fi
nvidia-smi
CAP=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d ' .' || true)
if [[ -n "$CAP" ]]; then
  echo "compute capability: sm_$CAP"
  if (( CAP > 86 )); then
    echo "ND4J 1.0.0-M2.1 ships CUDA kernels for sm_37..sm_86 only (no PTX): sm_$CAP cannot run them."
    echo "Result: this GPU is NOT supported by this ND4J release."; exit 2
  fi
else
  echo "could not read the compute capability (old driver?); continuing"
fi

PROFILES='cuda,!cpu'
if [[ "${REDIST:-0}" == "1" ]]; then PROFILES='cuda,cuda-redist,!cpu'; fi
echo "== build with -P$PROFILES (first run downloads ~600 MB of ND4J CUDA natives)"
mvn -q -B -P"$PROFILES" -pl toolkit -am package -DskipTests
CP="toolkit/target/tokendrift-toolkit.jar:toolkit/target/lib/*"

echo "== ND4J on the GPU: initialisation, matmul vs host CPU, short training run"
set +e
java -Xmx4g -cp "$CP" org.tokendrift.cli.BackendCheckCommand
STATUS=$?
set -e
if (( STATUS != 0 )); then
  echo "Result: ND4J did not pass the checks on this GPU (exit $STATUS); see the messages above."; exit $STATUS
fi

echo "== benchmark (engine only) and memory run"
java -Xmx4g -cp "$CP" org.tokendrift.cli.BenchCommand --no-pytorch --rounds 5 --memory-steps 200 \
  --out data/results/bench-gpu.csv | tee data/results/bench-gpu.log
echo "Result: GPU checks passed; figures in data/results/bench-gpu.csv"
