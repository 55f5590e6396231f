#!/usr/bin/env bash
# The whole scaled-down reproduction, in order, every stage resumable and idempotent: run it again
# after an interruption (or a --max-minutes stop) and it continues where it stopped; run it after
# everything is done and it only rewrites the README table.
#
#   environment/reproduce.sh [--max-minutes N] [--dry-run] [--configs DIR]
#
#   --max-minutes N  wall-time budget of each training stage (pretrain, continual) per invocation;
#                    a stage that runs out checkpoints and the script stops with exit code 75:
#                    run it again to resume. Default 0 = no limit.
#   --dry-run        print every stage and the command it would run, run nothing
#   --configs DIR    where the configs are (default data/configs); for tests of the stage list
#
# Stages, in order (each says why it can be skipped):
#   1. pretrain mdlm, judge, duo    runs/<name>/; skipped when the final checkpoint or its export exists
#   2. export the three EMA bases   data/checkpoints/<name>.ckpt; only when missing or older than the run's
#   3. evaluate real-text           --skip-existing
#   4. evaluate the pretrained bases at every NFE 4..256 x seeds 0,1,2 (64 samples)
#   5. continual: continuation and tokendrift for mdlm and duo (resume automatically)
#   6. evaluate their final checkpoints at NFE 4,8,16 x seeds 0,1,2 and NFE 4..64 seed 0, and every
#      100th step's checkpoint at NFE 4,8,16 seed 0 (the training-dynamics chart)
#   7. MDLM ablations: every DIR/ablation-mdlm-<variant>.json, trained and evaluated as method
#      tokendrift-<variant> (org.tokendrift.eval.Methods.ofAblationConfig is the same rule)
#   8. report --readme README.md    summary, charts, and the README comparison with the paper
# Every evaluation passes --skip-existing, so finished (NFE, seed) cells cost nothing.
#
# CPU cost on the 2-core development machine, one job per core (OMP_NUM_THREADS=1, measured
# 2026-11-28 with a second job on the other core; data/runs/*/log.csv): a pretraining step (batch 32)
# 2.9-3.3 s for MDLM, 4.7 s for the 6-block judge; a TokenDrift step about 8 s (plus about 40 s per
# validation), a continuation step about 3 s. Sampling: measured 2026-11-29 about 3 s per network
# pass of 64 sequences on one core beside a training job (MDLM, NFE 64: 190-220 s per seed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

max_minutes=0
dry_run=false
configs=data/configs
while [[ $# -gt 0 ]]; do
  case "$1" in
    --max-minutes) max_minutes="${2:?--max-minutes needs a number of minutes}"; shift ;;
    --dry-run) dry_run=true ;;
    --configs) configs="${2:?--configs needs a folder}"; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "reproduce.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if ! [[ $max_minutes =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "reproduce.sh: --max-minutes must be a number of minutes, got '$max_minutes'" >&2
  exit 2
fi

JAR=toolkit/target/tokendrift-toolkit.jar
TD=(java -Xmx6g -jar "$JAR")
# Idle OpenMP threads sleep instead of spinning: the machine is shared with other long jobs.
export OMP_WAIT_POLICY=PASSIVE
JUDGE=data/checkpoints/judge-ar.ckpt
SAMPLES=64
TABLE_NFES=4,8,16
TABLE_SEEDS=0,1,2
# The training-dynamics chart (paper Fig. 2): the pretrained bases get the whole curve (NFE 4..256,
# 3 seeds, stage 4); each continual run's final checkpoint NFE 4..64 and the checkpoints in between the
# table's NFE 4..16, with seed 0. The paper's curves go to 256 for every checkpoint; here NFE 128 and 256
# would cost 384 passes (about 20 min) per checkpoint, three times 4..64 together.
DYNAMICS_NFES=4,8,16,32,64,128,256
DYNAMICS_NFES_FINAL=4,8,16,32,64
DYNAMICS_NFES_INTERMEDIATE=4,8,16
DYNAMICS_SEED=0
DYNAMICS_EVERY=100
# The script's own exit code for "a training stage used its time budget; run again to resume".
EXIT_RESUME=75

budget=()
if awk "BEGIN { exit !($max_minutes > 0) }"; then
  budget=(--max-minutes "$max_minutes")
fi
quiet=()
[[ -t 1 ]] || quiet=(--no-progress)   # no progress bars in a log file

say() { printf '[reproduce] %s\n' "$*"; }
stage() { printf '\n[reproduce] === %s ===\n' "$*"; }
# run CMD...: prints the command, and runs it unless --dry-run.
run() {
  say "\$ $*"
  $dry_run || "$@"
}
# json_value FILE KEY: the first "KEY": value of a config (a string or a number), without a JSON
# tool: the configs keep one key per line. For continual configs the first "name" and "steps" are
# those of the training section (the only ones).
json_value() {
  local value
  value=$(grep -o "\"$2\": *\(\"[^\"]*\"\|[0-9][0-9]*\)" "$1" | head -n 1 | sed 's/^[^:]*: *//; s/"//g')
  [[ -n $value ]] || { echo "reproduce.sh: no \"$2\" in $1" >&2; exit 2; }
  printf '%s' "$value"
}
# checkpoint RUN STEP: the trainer's checkpoint file of a run at a step.
checkpoint() { printf 'runs/%s/checkpoints/step-%07d.ckpt' "$1" "$2"; }
# require_finished NAME FILE: stop the script (to be resumed) if a training stage did not finish.
require_finished() {
  $dry_run && return 0
  if [[ ! -f $2 ]]; then
    say "stopped: $1 is not finished yet ($2 does not exist): its time budget ran out; run reproduce.sh again to resume"
    exit "$EXIT_RESUME"
  fi
}
evaluate() { # evaluate CKPT BACKBONE METHOD STEPS NFES SEEDS
  run "${TD[@]}" evaluate --checkpoint "$1" --backbone "$2" --method "$3" --train-steps "$4" --nfe "$5" --seeds "$6" \
    --samples "$SAMPLES" --judge "$JUDGE" --skip-existing "${quiet[@]}"
}

# --- 0. the toolkit jar ---------------------------------------------------------------------------
# Built when missing or older than a pom or a main source (as environment/setup.sh decides).
stage "0. toolkit jar ($JAR)"
if [[ ! -f $JAR ]] || [[ -n "$(find pom.xml toolkit/pom.xml toolkit/src/main -newer "$JAR" -print -quit)" ]]; then
  run mvn -q -B -Dstyle.color=never package -DskipTests -pl toolkit -am
else
  say "up to date"
fi

# --- 1. pretraining -------------------------------------------------------------------------------
# COST per base (2,500 steps): about 2.2 h on one core (measured step times above); the judge about 3.3 h.
# A finished run is not even started: `pretrain` would load its last checkpoint and return at once.
pretrain() { # pretrain CONFIG
  local name steps final export
  name=$(json_value "$1" name)
  steps=$(json_value "$1" steps)
  final=$(checkpoint "$name" "$steps")
  export="data/checkpoints/$name.ckpt"
  if [[ -f $final ]]; then
    say "$name: finished ($final)"
  elif [[ -f $export ]]; then
    say "$name: its exported base $export exists (committed or exported earlier); not retraining"
  else
    run "${TD[@]}" pretrain --config "$1" "${budget[@]}" "${quiet[@]}"
    require_finished "$name" "$final"
  fi
}
for config in mdlm judge duo; do
  stage "1. pretrain $config ($configs/$config.json)"
  pretrain "$configs/$config.json"
done

# --- 2. EMA-only exports --------------------------------------------------------------------------
# COST: seconds each (ESTIMATE). About 25 MB instead of 99 MB, small enough to commit.
for config in mdlm judge duo; do
  name=$(json_value "$configs/$config.json" name)
  steps=$(json_value "$configs/$config.json" steps)
  source=$(checkpoint "$name" "$steps")
  out="data/checkpoints/$name.ckpt"
  stage "2. export $name -> $out"
  if [[ -f $out ]] && { [[ ! -f $source ]] || [[ ! $source -nt $out ]]; }; then
    say "up to date"
  else
    run "${TD[@]}" checkpoint export --from "$source" --out "$out"
  fi
done

# --- 3. real-text reference -----------------------------------------------------------------------
# COST: ESTIMATE a few minutes (judge passes over 64 held-out blocks x 3 seeds, plus the shuffle check).
stage "3. evaluate real-text"
run "${TD[@]}" evaluate real-text --judge "$JUDGE" --samples "$SAMPLES" --seeds "$TABLE_SEEDS" --backbone mdlm,duo \
  --skip-existing

# --- 4. the pretrained bases ----------------------------------------------------------------------
# Every NFE with three seeds (the bases are the reference of every chart). COST per base: the table cells
# 3 seeds x (4 + 8 + 16) = 84 sampling passes of 64 sequences, the rest 3 x (32 + 64 + 128 + 256) = 1,440
# passes: measured 2026-11-29 on one core beside a training job, 190-220 s per seed at NFE 64, so about
# 3 s per pass and 75 min per base in all.
for backbone in mdlm duo; do
  name=$(json_value "$configs/$backbone.json" name)
  steps=$(json_value "$configs/$backbone.json" steps)
  stage "4. evaluate pretrained $backbone (data/checkpoints/$name.ckpt)"
  evaluate "data/checkpoints/$name.ckpt" "$backbone" pretrained "$steps" "$TABLE_NFES" "$TABLE_SEEDS"
  evaluate "data/checkpoints/$name.ckpt" "$backbone" pretrained "$steps" "$DYNAMICS_NFES" "$TABLE_SEEDS"
done

# continual CONFIG BACKBONE: trains (or resumes) a continual run from the exported base.
# COST per run (400 steps, one core): continuation about 25 min, TokenDrift about 60 min (measured
# step times above, with eight validations).
continual() {
  local name steps final base
  name=$(json_value "$1" name)
  steps=$(json_value "$1" steps)
  final=$(checkpoint "$name" "$steps")
  base="data/checkpoints/$(json_value "$configs/$2.json" name).ckpt"
  if [[ -f $final ]]; then
    say "$name: finished ($final)"
  else
    run "${TD[@]}" continual --config "$1" --base "$base" "${budget[@]}" "${quiet[@]}"
    require_finished "$name" "$final"
  fi
}
# evaluate_run CONFIG BACKBONE METHOD: the final checkpoint for the table and its seed-0 curve up to
# NFE 64, every 100th checkpoint before it at the table's NFEs for the dynamics.
# COST per run at about 3 s per pass: the final checkpoint's table cells 84 passes (4 min) and its
# seed-0 curve 96 more (5 min), plus 28 passes (1.5 min) per earlier checkpoint.
evaluate_run() {
  local name steps step file
  name=$(json_value "$1" name)
  steps=$(json_value "$1" steps)
  evaluate "$(checkpoint "$name" "$steps")" "$2" "$3" "$steps" "$TABLE_NFES" "$TABLE_SEEDS"
  evaluate "$(checkpoint "$name" "$steps")" "$2" "$3" "$steps" "$DYNAMICS_NFES_FINAL" "$DYNAMICS_SEED"
  for ((step = DYNAMICS_EVERY; step < steps; step += DYNAMICS_EVERY)); do
    file=$(checkpoint "$name" "$step")
    if $dry_run || [[ -f $file ]]; then
      evaluate "$file" "$2" "$3" "$step" "$DYNAMICS_NFES_INTERMEDIATE" "$DYNAMICS_SEED"
    else
      say "note: $file is not kept (keepEvery), so step $step is not in the dynamics chart"
    fi
  done
}

# --- 5. continual training ------------------------------------------------------------------------
for backbone in mdlm duo; do
  for method in continuation tokendrift; do
    stage "5. continual $method $backbone ($configs/$method-$backbone.json)"
    continual "$configs/$method-$backbone.json" "$backbone"
  done
done

# --- 6. evaluate the continual runs -------------------------------------------------------------
for backbone in mdlm duo; do
  for method in continuation tokendrift; do
    stage "6. evaluate $method $backbone"
    evaluate_run "$configs/$method-$backbone.json" "$backbone" "$method"
  done
done

# --- 7. MDLM ablations ----------------------------------------------------------------------------
# COST per ablation: its TokenDrift run (about 15 min on one core for the configs' 100 steps) and its
# table cells (84 passes, about 4 min); once per distinct ablation step, the default run's checkpoint at
# that step gets the same table cells (another 4 min). An ablation shorter than the default run is compared with the default
# run's checkpoint at the same step (as the paper compares its Table 6 at 5k steps), so that
# checkpoint gets the table cells too (method tokendrift, its own train_steps).
shopt -s nullglob
ablations=("$configs"/ablation-mdlm-*.json)
shopt -u nullglob
if [[ ${#ablations[@]} -eq 0 ]]; then
  stage "7. ablations: none ($configs/ablation-mdlm-*.json does not exist yet)"
fi
default_name=$(json_value "$configs/tokendrift-mdlm.json" name)
default_steps=$(json_value "$configs/tokendrift-mdlm.json" steps)
for config in "${ablations[@]}"; do
  file_name=$(basename "$config" .json)
  method="tokendrift-${file_name#ablation-mdlm-}"
  stage "7. ablation $method ($config)"
  continual "$config" mdlm
  name=$(json_value "$config" name)
  steps=$(json_value "$config" steps)
  evaluate "$(checkpoint "$name" "$steps")" mdlm "$method" "$steps" "$TABLE_NFES" "$TABLE_SEEDS"
  if ((steps < default_steps)); then
    evaluate "$(checkpoint "$default_name" "$steps")" mdlm tokendrift "$steps" "$TABLE_NFES" "$TABLE_SEEDS"
  fi
done

# --- 8. report ------------------------------------------------------------------------------------
# COST: under a minute (ESTIMATE).
stage "8. report and the README table"
run "${TD[@]}" report --readme README.md
say "done"
