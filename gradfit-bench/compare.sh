#!/usr/bin/env bash
# Target 3: the lesson's epoch at N = 10^7, d = 3, one thread: gradfit (JMH, with the read-once floor measured
# in the same run) against PyTorch (python/lesson_epoch.py, if /usr/bin/python3 can import torch).
# Usage: gradfit-bench/compare.sh [N]   (from the repository root or anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000000}"
jar=gradfit-bench/target/benchmarks.jar
[ -f "$jar" ] || ./mvnw -q -DskipTests package -pl gradfit-bench -am
out=gradfit-bench/target/compare.csv
java -jar "$jar" 'LessonEpochBench' -p n="$n" -rf csv -rff "$out" > gradfit-bench/target/compare.log
score() { awk -F, -v b="$1" '$1 ~ b {gsub(/"/, "", $5); print $5}' "$out"; }
gradfit=$(score 'LessonEpochBench.epoch"')
floor=$(score 'LessonEpochBench.readFloor"')
printf 'gradfit epoch: %s ms   read-once floor: %s ms   ratio to floor: %s\n' "$gradfit" "$floor" \
  "$(awk -v a="$gradfit" -v b="$floor" 'BEGIN {printf "%.1f", a / b}')"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  torch=$(/usr/bin/python3 gradfit-bench/python/lesson_epoch.py "$n" 1)
  printf 'PyTorch epoch: %s ms   PyTorch / gradfit: %s\n' "$torch" \
    "$(awk -v a="$torch" -v b="$gradfit" 'BEGIN {printf "%.2f", a / b}')"
else
  echo "PyTorch: not available (/usr/bin/python3 cannot import torch); skipped"
fi
