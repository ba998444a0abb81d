#!/usr/bin/env bash
# Fuzzes every reader with Jazzer: each fuzz target for SECONDS (default 30), one after the other.
#
#   ./fuzz.sh          # about 30 s per target, as CI runs it (.ci/run)
#   ./fuzz.sh 600      # ten minutes per target
#   GRADFIT_FUZZ_SEED=1 ./fuzz.sh 25   # libFuzzer's random choices from a fixed seed, as CI runs it: the same
#                                      # inputs in the same order, so a CI run can be replayed here
#
# The normal build (./test.sh) runs the same targets in regression mode: on the inputs committed under
# src/test/resources/.../<Class>Inputs/<method>/. Here Jazzer mutates those inputs, guided by coverage. An input
# that breaks a target's promise fails the run and is saved in that directory as crash-<hash>: commit it with the fix,
# and every build replays it from then on. The corpus Jazzer grows is kept in <module>/.cifuzz-corpus (not committed).
#
# Jazzer fuzzes one target per JVM (JAZZER_FUZZ=1), so each target gets its own Maven run; -am builds what the module
# needs without installing anything.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-30}
targets=(
  "gradfit-io  io.gradfit.io.fuzz.CsvReaderFuzzTest#anyBytesGiveATableOrOneError"
  "gradfit-io  io.gradfit.io.fuzz.ModelFileFuzzTest#anyBytesGiveAModelOrOneError"
  "gradfit-cli io.gradfit.cli.fuzz.CommandLineFuzzTest#anyArgumentsGiveExit0Or2Or3AndOneErrorLine"
  "gradfit-notebook io.gradfit.notebook.fuzz.KernelMessageFuzzTest#anyMessageIsRefusedOrAnsweredAndTheKernelKeepsWorking"
  "gradfit-play io.gradfit.play.fuzz.PlayHttpFuzzTest#anyRequestIsAnsweredOrRefusedAndTheServerGoesOn"
)

failed=()
for target in "${targets[@]}"; do
  read -r module test <<<"$target"
  echo "fuzz.sh: $test for ${seconds} s" >&2
  # jazzer.internal.arg.N are libFuzzer's arguments (the first is a program name); later ones override the
  # @FuzzTest's maxDuration. -timeout: an input that takes longer than 20 s is a hang.
  if ! ./mvnw -q -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -DJAZZER_FUZZ=1 -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" \
      -Djazzer.internal.arg.2=-timeout=20 ${GRADFIT_FUZZ_SEED:+-Djazzer.internal.arg.3=-seed=$GRADFIT_FUZZ_SEED} >&2; then
    failed+=("$test")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} of ${#targets[@]} targets found a problem: ${failed[*]}" >&2
  echo "fuzz: the inputs are in src/test/resources/.../<Class>Inputs/<method>/crash-*" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds} s each, nothing found"
