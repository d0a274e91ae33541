#!/usr/bin/env bash
# Runs COMMAND… against a one-node Slurm cluster started for it (scripts/slurm/start.sh in a
# temporary folder, SLURM_CONF exported) and always stops the cluster afterwards, whatever
# COMMAND does; exits with COMMAND's status.
#   scripts/slurm/with-slurm.sh zoo compare a.yaml b.yaml --backend slurm
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mktemp -d "${TMPDIR:-/tmp}/zoo-slurm.XXXXXX")"
cleanup() {
    "$here/stop.sh" "$dir"
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
"$here/start.sh" "$dir"
export SLURM_CONF="$dir/slurm.conf"
"$@"
