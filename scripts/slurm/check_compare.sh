#!/usr/bin/env bash
# Checks the Slurm backend against the local one on a running cluster (SLURM_CONF set, e.g.
# inside scripts/slurm/with-slurm.sh): `zoo compare` of two CartPole recipes × 2 seeds
# (3,000 steps) once with --backend slurm and once locally. Every run's metrics.csv must be
# identical, and so must the two report.md files but for their wall-clock columns and
# directories. Then a rerun through Slurm must submit nothing, and after one run is
# removed, an array of that one run. Exit status 1 on any difference.
#   scripts/slurm/check_compare.sh .build/debug/zoo
set -euo pipefail
zoo="$(cd "$(dirname "${1:?usage: check_compare.sh ZOO}")" && pwd)/$(basename "$1")"
cd "$(dirname "$0")/../.."
out="$(mktemp -d "${TMPDIR:-/tmp}/zoo-slurm-check.XXXXXX")"
trap 'rm -rf "$out"' EXIT
args=(recipes/a2c-cartpole.yaml recipes/reinforce-cartpole.yaml --seeds 2 --steps 3000)
fail() { echo "slurm check failed: $*" >&2; exit 1; }

"$zoo" compare "${args[@]}" --out "$out/local" --jobs 2 >/dev/null 2>"$out/local.err" || fail "local compare: $(tail -1 "$out/local.err")"
"$zoo" compare "${args[@]}" --out "$out/slurm" --backend slurm --jobs 2 --time 10 >/dev/null 2>"$out/slurm.err" \
    || fail "slurm compare: $(tail -1 "$out/slurm.err")"
grep -q "submitted job array" "$out/slurm.err" || fail "nothing was submitted"
ls "$out"/slurm/slurm/report-*.out >/dev/null 2>&1 || fail "the report job did not run"

for run in "$out"/local/runs/*/*; do
    name="${run#"$out"/local/}"
    cmp -s "$run/metrics.csv" "$out/slurm/$name/metrics.csv" || fail "$name/metrics.csv differs"
done
python3 scripts/slurm/compare_reports.py "$out/local/report.md" "$out/slurm/report.md" || fail "the reports differ"

"$zoo" compare "${args[@]}" --out "$out/slurm" --backend slurm >/dev/null 2>"$out/rerun.err" || fail "rerun: $(tail -1 "$out/rerun.err")"
if grep -q "submitted job array" "$out/rerun.err"; then fail "a rerun of finished runs submitted an array"; fi
rm -rf "$out/slurm/runs/reinforce-cartpole/1"
"$zoo" compare "${args[@]}" --out "$out/slurm" --backend slurm >/dev/null 2>"$out/missing.err" || fail "rerun: $(tail -1 "$out/missing.err")"
grep -q "submitted job array .* (1 runs)" "$out/missing.err" || fail "a rerun with one run missing did not submit it alone"
cmp -s "$out/local/runs/reinforce-cartpole/1/metrics.csv" "$out/slurm/runs/reinforce-cartpole/1/metrics.csv" \
    || fail "the resubmitted run differs"
echo "slurm check passed: the Slurm backend's runs and report equal the local backend's" >&2
