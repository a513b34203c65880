#!/usr/bin/env bash
# Fails when docs/parameters.md or docs/outputs.md differs from what the code generates.
# Fix: partysim params --format markdown > docs/parameters.md (and outputs likewise).
set -u
partysim=$1
docs=$2
status=0
for pair in "params:parameters.md" "outputs:outputs.md"; do
  command=${pair%%:*}
  file=${pair#*:}
  if diff -u "$docs/$file" <("$partysim" "$command" --format markdown); then
    echo "ok - docs/$file is current"
  else
    echo "not ok - docs/$file is stale: regenerate with 'partysim $command --format markdown > docs/$file'"
    status=1
  fi
done
exit $status
