#!/usr/bin/env bash
# Starts a real one-node Slurm cluster on this machine (Debian, run as root, no systemd
# needed) with all its state, logs and pid files in DIR:
#   scripts/slurm/start.sh DIR        then   export SLURM_CONF=DIR/slurm.conf
# Installs the Debian packages slurmctld, slurmd, slurm-client and munge when sbatch is
# missing. Stop it with scripts/slurm/stop.sh DIR (scripts/slurm/with-slurm.sh does both
# around a command). The node is "localhost" with this machine's CPUs, in partition "ci".
set -euo pipefail
dir="${1:?usage: start.sh DIR}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
chmod 0755 "$dir"  # munged runs as munge and keeps its files below it

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null; then
    echo "installing slurmctld slurmd slurm-client munge…" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        slurmctld slurmd slurm-client munge >/dev/null
fi

# munge: its socket folder, a state folder of its own, a key.
install -d -o munge -g munge -m 0755 /run/munge
install -d -o munge -g munge -m 0700 "$dir/munge"
if [ ! -s /etc/munge/munge.key ]; then
    install -d -o munge -g munge -m 0700 /etc/munge
    head -c 1024 /dev/urandom > /etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
fi
runuser -u munge -- /usr/sbin/munged --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
    --seed-file="$dir/munge/munged.seed"
munge -n | unmunge >/dev/null

mkdir -p "$dir/state" "$dir/spool"
cat > "$dir/slurm.conf" <<CONF
ClusterName=zoo
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
MailProg=/bin/true
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
ReturnToService=2
KillWait=10
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N localhost

for _ in $(seq 200); do
    if [ "$(sinfo -h -N -o %t 2>/dev/null)" = "idle" ]; then
        echo "slurm is up: export SLURM_CONF=$SLURM_CONF" >&2
        exit 0
    fi
    sleep 0.1
done
echo "slurm did not come up within 20 s; logs in $dir" >&2
sinfo -N >&2 || true
exit 1
