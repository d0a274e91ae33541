#!/usr/bin/env bash
# Stops the cluster scripts/slurm/start.sh DIR started: slurmd, then slurmctld, then munged,
# each by the pid in its pid file (TERM, then KILL after 5 s). Safe to run twice.
set -uo pipefail
dir="${1:?usage: stop.sh DIR}"
stop() {
    local pidfile="$1" pid
    [ -s "$pidfile" ] || return 0
    pid="$(cat "$pidfile")"
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}
stop "$dir/slurmd.pid"
stop "$dir/slurmctld.pid"
stop "$dir/munge/munged.pid"
