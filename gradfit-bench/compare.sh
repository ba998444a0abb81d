#!/usr/bin/env bash
# Every speed figure of issue 13 in one run, each against the memory floor measured in the same run:
#   - the floor: Java (MemoryFloorBench, Vector API accumulators, 1 and 2 threads) and C (c/read_floor.c,
#     compiled here with gcc -O3 -march=native when gcc exists), for the bytes of N rows of d = 3 and d = 16;
#   - gradfit: LinearRegression.fit epochs (scalar and Vector API, 2 threads, d = 3 and 16, datasets feature-major
#     ("columns", Dataset.ofColumns) and row-major ("rows")), LogisticRegression.fit (d = 3 and 16, both layouts)
#     and PolynomialRegression.fit (one column, degree 5) epochs, the lesson's raw autograd epoch (1 thread), each
#     JMH benchmark class with its own floor in the same JMH run;
#   - peers, when /usr/bin/python3 has them: numpy and PyTorch (python/linear_epoch.py, python/lesson_epoch.py).
# Usage: gradfit-bench/compare.sh [N]   (from anywhere; N defaults to 10^7; JMH_OPTS adds JMH options, e.g.
#        JMH_OPTS='-wi 2 -i 3' for a quicker, noisier run). Takes about 14 minutes at N = 10^7.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000000}"
jar=gradfit-bench/target/benchmarks.jar
out=gradfit-bench/target
[ -f "$jar" ] || ./mvnw -q -DskipTests package -pl gradfit-bench -am
python=/usr/bin/python3

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; JDK: $(java -version 2>&1 | head -1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- the C floor: the same bytes as the benchmarks (4·N·(d+1)), 1 and 2 threads
declare -A cfloor
if command -v gcc >/dev/null 2>&1; then
  gcc -O3 -march=native -fopenmp -o "$out/read_floor" gradfit-bench/c/read_floor.c
  for d in 3 16; do
    while read -r _ threads _ ms _; do
      cfloor["$d,${threads#threads=}"]="${ms#ms=}"
    done < <("$out/read_floor" $((4 * n * (d + 1))) 20)
  done
else
  echo "C floor: gcc not found; skipped (apt-get install gcc)"
fi

# --- JMH: floors, fits and the lesson's epoch (ms/op); each class measures its floor in its own run
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
java -jar "$jar" 'MemoryFloorBench|LinearRegressionFitBench|OtherModelsFitBench|LessonEpochBench' -p n="$n" ${JMH_OPTS:-} \
  -rf csv -rff "$out/compare.csv" > "$out/compare.log"
# columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params...
score() { # benchmark-name [d] [layout]; parameters found by their column's header
  awk -F, -v b="$1" -v d="${2:-}" -v l="${3:-}" 'NR == 1 { for (i = 1; i <= NF; i++) { h = $i; gsub(/["\r]/, "", h);
      col[h] = i } next }
    { gsub(/["\r]/, ""); name = $1; sub(/.*\./, "", name); cls = $1; sub(/\.[^.]*$/, "", cls); sub(/.*\./, "", cls);
      if (cls "." name == b && (d == "" || $col["Param: d"] == d) && (l == "" || $col["Param: layout"] == l))
        printf "%.2f", $5 }' "$out/compare.csv"
}
workload_score() { # OtherModelsFitBench method, workload
  awk -F, -v k="$1" -v w="$2" 'NR == 1 { for (i = 1; i <= NF; i++) { h = $i; gsub(/["\r]/, "", h); col[h] = i } next }
    { gsub(/["\r]/, ""); name = $1; sub(/.*\./, "", name);
      if ($1 ~ /OtherModelsFitBench/ && name == k && $col["Param: workload"] == w) printf "%.2f", $5 }' "$out/compare.csv"
}
# the best (smallest) measured iteration of a benchmark, from JMH's log: this VM has slow phases of seconds (see
# docs/benchmarks.md), and the best iterations of a fit and of its floor are both from a fast one
best() { # Class.method [text of its parameters line, e.g. "(d = 3,"]
  awk -v b="$1" -v p="${2:-}" '/^# Benchmark: / { name = $3; sub(/.*\.bench\./, "", name) }
    /^# Parameters: / { params = $0 }
    /^Iteration / { if (name == b && (p == "" || index(params, p) > 0)) { v = $3 + 0; if (min == "" || v < min) min = v } }
    END { if (min != "") printf "%.2f", min }' "$out/compare.log"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2fx", a / b }'; }

echo
echo "memory floor, N = $n (ms; Java = MemoryFloorBench, vector accumulators; C = read_floor.c)"
printf '%-6s %12s %12s %12s %12s %18s\n' d "Java 1 thr" "Java 2 thr" "C 1 thr" "C 2 thr" "old 8 sums, 2 thr"
for d in 3 16; do
  printf '%-6s %12s %12s %12s %12s %18s\n' "$d" "$(score MemoryFloorBench.vector1Thread "$d")" \
    "$(score MemoryFloorBench.vector2Threads "$d")" "${cfloor[$d,1]:--}" "${cfloor[$d,2]:--}" \
    "$(score MemoryFloorBench.scalar8Sums2Threads "$d")"
done

declare -A peers
if "$python" -c 'import numpy' 2>/dev/null || "$python" -c 'import torch' 2>/dev/null; then
  for d in 3 16; do
    while read -r lib ms; do peers["$lib,$d"]="$ms"; done < <("$python" gradfit-bench/python/linear_epoch.py "$n" "$d" 2)
  done
fi
if "$python" -c 'import torch' 2>/dev/null; then
  peers["lesson"]=$("$python" gradfit-bench/python/lesson_epoch.py "$n" 1)
fi

echo
echo "gradfit against the floor of the same JMH run (Java) and the C floor of this run (ms per epoch; mean of the"
echo "iterations, then the best iteration of each)"
printf '%-56s %9s %9s %8s %9s %8s %9s %9s %8s   %s\n' workload gradfit "floor" ratio "C floor" "ratio" "best" \
  "floor" "ratio" peers
for d in 3 16; do
  for layout in columns rows; do
    floor=$(score LinearRegressionFitBench.readFloor2Threads "$d" "$layout")
    for kind in epochVectorApi epoch; do
      label="LinearRegression.fit, d = $d, $layout, $([ $kind = epoch ] && echo scalar || echo Vector API)"
      t=$(score "LinearRegressionFitBench.$kind" "$d" "$layout")
      p=""
      [ $kind = epochVectorApi ] && [ $layout = rows ] && p="numpy ${peers[numpy,$d]:--}, torch ${peers[torch,$d]:--}"
      bt=$(best "LinearRegressionFitBench.$kind" "(d = $d, layout = $layout,")
      bf=$(best LinearRegressionFitBench.readFloor2Threads "(d = $d, layout = $layout,")
      printf '%-56s %9s %9s %8s %9s %8s %9s %9s %8s   %s\n' "$label" "$t" "$floor" "$(ratio "$t" "$floor")" \
        "${cfloor[$d,2]:--}" "$(ratio "$t" "${cfloor[$d,2]:-}")" "$bt" "$bf" "$(ratio "$bt" "$bf")" "$p"
    done
  done
done
for workload in logistic-3-columns logistic-3 logistic-16-columns logistic-16 polynomial-5; do
  floor=$(workload_score readFloor2Threads "$workload")
  case $workload in
    logistic-*) d=${workload#logistic-}; d=${d%-columns}; cbytes=$((4 * n * (d + 1))) ;;
    *) cbytes=$((8 * n)) ;;
  esac
  cms=""
  if [ -x "$out/read_floor" ]; then
    cms=$("$out/read_floor" "$cbytes" 10 | awk '/threads=2/ { sub(/ms=/, "", $4); print $4 }')
  fi
  for kind in epochVectorApi epoch; do
    t=$(workload_score "$kind" "$workload")
    layout=rows
    case $workload in *-columns) layout=columns ;; polynomial-*) layout=column ;; esac
    label="$(echo "${workload%-columns}" | sed 's/logistic-/LogisticRegression.fit, d = /; s/polynomial-5/PolynomialRegression.fit, degree 5/'), $layout, $([ $kind = epoch ] && echo scalar || echo Vector API)"
    bt=$(best "OtherModelsFitBench.$kind" "$workload)")
    bf=$(best OtherModelsFitBench.readFloor2Threads "$workload)")
    printf '%-56s %9s %9s %8s %9s %8s %9s %9s %8s\n' "$label" "$t" "$floor" "$(ratio "$t" "$floor")" "${cms:--}" \
      "$(ratio "$t" "$cms")" "$bt" "$bf" "$(ratio "$bt" "$bf")"
  done
done
floor=$(score LessonEpochBench.readFloor)
for kind in epochVectorApi epoch; do
  t=$(score "LessonEpochBench.$kind")
  p=""
  [ $kind = epochVectorApi ] && p="torch ${peers[lesson]:--}"
  bt=$(best "LessonEpochBench.$kind")
  bf=$(best LessonEpochBench.readFloor)
  printf '%-56s %9s %9s %8s %9s %8s %9s %9s %8s   %s\n' \
    "lesson's autograd epoch, d = 3, 1 thr, $([ $kind = epoch ] && echo scalar || echo Vector API)" \
    "$t" "$floor" "$(ratio "$t" "$floor")" "${cfloor[3,1]:--}" "$(ratio "$t" "${cfloor[3,1]:-}")" "$bt" "$bf" \
    "$(ratio "$bt" "$bf")" "$p"
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)   (JMH's own output: $out/compare.log, $out/compare.csv)"
