#!/usr/bin/env bash
# Sums the TRX result files under $1 and prints one line: "N passed, N failed, N skipped".
# Exits non-zero when a test failed or when no results exist (a test run that produced nothing is a failure).
set -euo pipefail
dir=${1:-TestResults}
shopt -s nullglob globstar
files=("$dir"/**/*.trx)
if [ ${#files[@]} -eq 0 ]; then
  echo "0 passed, 0 failed, 0 skipped (no test results in $dir: the test run did not complete)"
  exit 1
fi
passed=0 failed=0 skipped=0 total=0
for f in "${files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$((total + $(get total)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
