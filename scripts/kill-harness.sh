#!/usr/bin/env bash
# The kill -9 harness in full: starts real `spinmon train` processes and kills each with SIGKILL at a seeded
# moment (half the moment a snapshot write is in progress, half at a random time), then checks every file,
# replays each partial run and checks that the next `spinmon train` removes the leftovers of interrupted writes.
# CI runs the same test (KillHarnessIT) with 6 kills. The figures are printed and kept in
# dashboard/target/kill-harness.txt.
#   usage: scripts/kill-harness.sh [KILLS [SEED]]      (default 20 kills, seed 9; about 6 minutes on 2 cores)
set -euo pipefail

kills=${1:-20}
seed=${2:-9}
case "$kills$seed" in *[!0-9]*) echo "usage: $0 [KILLS [SEED]]  (non-negative integers)" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1
mvn -B -q -pl dashboard -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=KillHarnessIT -Dfailsafe.failIfNoSpecifiedTests=false -Dkill.count="$kills" -Dkill.seed="$seed"
cat dashboard/target/kill-harness.txt
