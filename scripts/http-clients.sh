#!/usr/bin/env bash
# Many live-page clients, a stalled one and half requests against a real analysis stream (RELIABILITY.md, "HTTP"):
# ManyClientsTest with CLIENTS clients (default 100, as in the build), then its figures: /metrics latency while they
# follow the analysis, and the cost of an open event stream (threads, heap, RSS).
#   scripts/http-clients.sh [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-100}
OMP_NUM_THREADS=1 mvn -B -q -pl dashboard -am test-compile surefire:test@default-test \
  -Dtest=ManyClientsTest -Dsurefire.failIfNoSpecifiedTests=false -Dhttp.clients="$clients"
cat dashboard/target/http/clients-report.md dashboard/target/http/stream-cost.md
