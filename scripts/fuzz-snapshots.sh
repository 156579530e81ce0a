#!/usr/bin/env bash
# The full fuzz campaign of hostile and damaged files (RELIABILITY.md): COUNT seeded mutants (default 10000) of
# snapshot files (format versions 1 and 2) and of a probe file through the readers (SnapshotFuzzTest), and COUNT
# mutants through `spinmon analyze` in process (AnalyzeFuzzTest). The build runs the same tests with 1500 and 600.
#   scripts/fuzz-snapshots.sh [COUNT [SEED]]
# Reports: analyzer/target/fuzz/reader-report.md, dashboard/target/fuzz/analyze-report.md. Mutants that break anything
# are kept in analyzer/target/fuzz/reader-failures and dashboard/target/fuzz/analyze-failures, and the tests fail.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
seed=${2:-20261123}
# surefire:test@default-test runs only the default test execution (not the analyzer's scalar-kernel rerun).
OMP_NUM_THREADS=1 mvn -B -q -pl dashboard -am test-compile surefire:test@default-test \
  -Dtest='SnapshotFuzzTest,AnalyzeFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.count="$count" -Dfuzz.seed="$seed"
echo "fuzz: $count mutants, seed $seed: no violation"
echo "fuzz: reports in analyzer/target/fuzz/reader-report.md and dashboard/target/fuzz/analyze-report.md"
