#!/usr/bin/env bash
# The harness before and after a change, side by side in one run: `bench roundtrip` and `bench catalogue`
# of two checkouts, alternated (before, after, before, after, ...) so that a machine whose speed drifts
# weighs on both alike. Prints one JSON line per run, prefixed with the side.
#
#   scripts/bench-before-after.sh BEFORE_CHECKOUT [PAIRS] [CATALOGUE_ROUNDS]
#
# BEFORE_CHECKOUT is a second checkout of the earlier revision (git worktree add ../before <rev>); this
# checkout is "after". PAIRS (default 3) round-trip pairs; CATALOGUE_ROUNDS (default 2) rounds of
# `bench catalogue` per side, one pair.
set -euo pipefail
cd "$(dirname "$0")/.."
before="${1:?usage: scripts/bench-before-after.sh BEFORE_CHECKOUT [PAIRS] [CATALOGUE_ROUNDS]}"
pairs="${2:-3}"
rounds="${3:-2}"
[ -x "$before/mipl-hil" ] || { echo "bench-before-after: no mipl-hil launcher in $before" >&2; exit 2; }
# both build before any timing starts
"$before/mipl-hil" --version >/dev/null
./mipl-hil --version >/dev/null
side() { # NAME DIR ARGS...
  local name="$1" dir="$2"; shift 2
  (cd "$dir" && ./mipl-hil "$@") | grep '^{' | sed "s/^/$name /"
}
for i in $(seq 1 "$pairs"); do
  side before "$before" bench roundtrip --count 2000
  side after . bench roundtrip --count 2000
done
side before "$before" bench catalogue --rounds "$rounds" --report target/bench-catalogue
side after . bench catalogue --rounds "$rounds" --report target/bench-catalogue
