#!/usr/bin/env bash
# Trains the off-policy recipes over seeds 0-2 with the release build and evaluates each
# run's last and best checkpoints deterministically over 100 episodes (the numbers in
# BENCHMARKS.md). Usage: scripts/learning_offpolicy.sh [OUT_DIR] [RECIPE...]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/learning}"
shift || true
recipes=("$@")
[ ${#recipes[@]} -eq 0 ] && recipes=(dqn-cartpole dqn-lunar sac-pendulum td3-pendulum)
zoo=.build/release/zoo
for recipe in "${recipes[@]}"; do
  for seed in 0 1 2; do
    dir="$out/$recipe/$seed"
    mkdir -p "$out/$recipe"
    "$zoo" train "recipes/$recipe.yaml" --set train.seed=$seed --set output.dir="$dir" > "$dir.log" 2>&1
    last=$("$zoo" eval "$dir" --episodes 100 --deterministic | awk '/mean return/ {print $3}')
    best=$("$zoo" eval "$dir/checkpoints/best.safetensors" --episodes 100 --deterministic | awk '/mean return/ {print $3}')
    secs=$(python3 -c "import json;print(round(json.load(open('$dir/summary.json'))['wall_seconds'],1))")
    echo "$recipe seed $seed: last $last best $best (${secs} s)"
  done
done
