#!/usr/bin/env bash
# Target 5: epoch time for N = 10^4 .. 10^7 (d = 3): the raw autograd epoch (one thread) and the fused kernel
# (threads from its size threshold on), with the least-squares slope of log(time) against log(N).
# A slope of 1.00 is linear growth. Usage: gradfit-bench/scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
jar=gradfit-bench/target/benchmarks.jar
[ -f "$jar" ] || ./mvnw -q -DskipTests package -pl gradfit-bench -am
out=gradfit-bench/target/scaling.csv
java -jar "$jar" 'LessonEpochBench.epoch|LinearMseKernelBench.kernelAuto' \
  -p n=10000,100000,1000000,10000000 -p d=3 -rf csv -rff "$out" > gradfit-bench/target/scaling.log
# columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",["Param: d",]"Param: n"
awk -F, 'NR > 1 {
  gsub(/"/, ""); b = $1; sub(/.*\./, "", b); ms = $5 / ($7 == "us/op" ? 1000 : 1); n = $NF
  printf "%-12s N = %8d  %10.3f ms\n", b, n, ms
  x = log(n); y = log(ms); k[b]++; sx[b] += x; sy[b] += y; sxx[b] += x * x; sxy[b] += x * y
} END {
  for (b in k) printf "%-12s slope of log(time) vs log(N): %.3f\n", b, (k[b] * sxy[b] - sx[b] * sy[b]) / (k[b] * sxx[b] - sx[b] * sx[b])
}' "$out"
