#!/usr/bin/env bash
# npm run test:slurm: run a real sweep as a Slurm array job on a single-node Slurm made here,
# merge its shards, and check that the result is byte for byte the sweep.csv of one process.
#
# Needs root and Debian's packages (it installs slurmd, slurmctld, slurm-client and munge with
# apt-get when sbatch is missing). It writes /etc/slurm/slurm.conf for this host only, starts
# munged, slurmctld and slurmd, and stops the daemons it started when it ends. Not part of
# npm test: it changes the machine. Prints PASS or FAIL (with the step that failed) last.
set -uo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/ersim-slurm-XXXXXX)"
STARTED_PIDS=()
STEP="start"

fail() {
  echo "FAIL: $STEP: $*"
  for log in /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log; do
    [ -f "$log" ] && { echo "--- last lines of $log"; tail -n 15 "$log"; }
  done
  exit 1
}

stop_daemons() {
  # Only the daemons this script started, by their pids.
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
}
trap stop_daemons EXIT

step() {
  STEP="$1"
  echo "== $1"
}

[ "$(id -u)" -eq 0 ] || { STEP="check root"; fail "must run as root (it installs packages and starts daemons)"; }

step "install slurm and munge (apt-get)"
if ! command -v sbatch >/dev/null || ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update"
  apt-get install -y -qq slurmd slurmctld slurm-client munge >"$WORK/apt.log" 2>&1 || { tail -n 20 "$WORK/apt.log"; fail "apt-get install"; }
fi
slurmctld -V || fail "slurmctld not found after install"

step "build ersim"
(cd "$REPO" && npm run --silent build) || fail "npm run build"

step "start munge"
if [ ! -s /etc/munge/munge.key ]; then
  mungekey --create --keyfile /etc/munge/munge.key 2>/dev/null || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
chmod 0755 /run/munge
if ! munge -n >/dev/null 2>&1; then
  rm -f /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged || fail "munged did not start"
  for _ in $(seq 1 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  STARTED_PIDS+=("$(cat /run/munge/munged.pid)")
fi
munge -n | unmunge >/dev/null || fail "munge credentials do not round-trip"

step "write slurm.conf and start slurmctld and slurmd"
HOST="$(hostname -s)"
CPUS="$(nproc)"
MEM_MB="$(awk '/MemTotal/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)"
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat >/etc/slurm/slurm.conf <<EOF
# Written by ersim's scripts/test-slurm.sh: one node, this host, everything as root.
ClusterName=ersim-test
SlurmctldHost=${HOST}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=${HOST} NodeAddr=127.0.0.1 CPUs=${CPUS} RealMemory=${MEM_MB} State=UNKNOWN
PartitionName=debug Nodes=${HOST} Default=YES MaxTime=INFINITE State=UP
EOF
# Start a daemon and remember its pid, read from a pid file written afresh (not a stale one).
start_daemon() {
  local pidfile="$1"
  shift
  rm -f "$pidfile"
  "$@" || fail "$1 did not start"
  for _ in $(seq 1 50); do [ -s "$pidfile" ] && break; sleep 0.1; done
  [ -s "$pidfile" ] || fail "$1 wrote no $pidfile"
  STARTED_PIDS+=("$(cat "$pidfile")")
}
start_daemon /run/slurmctld.pid slurmctld -i
start_daemon /run/slurmd.pid slurmd
for _ in $(seq 1 30); do
  state="$(sinfo -h -n "$HOST" -o %T 2>/dev/null)"
  [ "$state" = "idle" ] && break
  [ -n "$state" ] && scontrol update nodename="$HOST" state=resume >/dev/null 2>&1
  sleep 1
done
sinfo
[ "$(sinfo -h -n "$HOST" -o %T)" = "idle" ] || fail "node $HOST is not idle"

step "submit the sweep as an array job of 3 tasks"
cat >"$WORK/tiny.yaml" <<'EOF'
name: slurm-tiny
model: point-to-point
duration: 300ms
sites: [{ name: hq, distance: 20km }]
traffic:
  - { name: data, kind: poisson, from: hq, to: vnet, rate: 200Mbps, size: 1000B }
EOF
SWEEP=(sweep "$WORK/tiny.yaml" --vary circuit.bandwidth=1Gbps,250Mbps --vary traffic[0].size=500B,1500B --seeds 1-5 --workers 1)
NODE="$(command -v node)"
ARGS="$(printf '%q ' "${SWEEP[@]}")"
cat >"$WORK/sweep.sbatch" <<EOF
#!/bin/bash
#SBATCH --job-name=ersim-sweep
#SBATCH --array=1-3
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --output=$WORK/slurm-%A_%a.out
# Each task runs shard SLURM_ARRAY_TASK_ID of 3 (ersim reads the array variables).
cd "$REPO"
"$NODE" bin/ersim.js $ARGS --out "$WORK/sweep"
EOF
sbatch --wait "$WORK/sweep.sbatch" || { cat "$WORK"/slurm-*.out; fail "the array job failed"; }
cat "$WORK"/slurm-*.out

step "merge the shards"
(cd "$REPO" && "$NODE" bin/ersim.js merge "$WORK"/sweep/slurm-tiny-sweep/shard-{1,2,3}-of-3 --out "$WORK/sweep") || fail "ersim merge"

step "the same sweep in one process"
(cd "$REPO" && env -u SLURM_ARRAY_TASK_ID "$NODE" bin/ersim.js "${SWEEP[@]}" --out "$WORK/single") || fail "single-process sweep"

step "compare"
if cmp "$WORK/sweep/slurm-tiny-sweep/sweep.csv" "$WORK/single/slurm-tiny-sweep/sweep.csv"; then
  echo "PASS: the merged sweep.csv of the Slurm array job equals the single-process sweep.csv ($(wc -l <"$WORK/single/slurm-tiny-sweep/sweep.csv") lines; $WORK)"
else
  fail "merged and single-process sweep.csv differ ($WORK)"
fi
