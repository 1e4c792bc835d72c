#!/usr/bin/env bash
# AT round trips side by side: mipl-hil's session vs pyserial+pexpect, against one virtual module.
#
#   scripts/bench-roundtrip.sh [COUNT]        (default 2000 round trips per tool)
#
# Starts `./mipl-hil sim --link target/bench.tty` in the background, waits (at most 60 s) for the link,
# runs `./mipl-hil bench roundtrip --port target/bench.tty` and the peer baseline ../shared/bench/pexpect_roundtrip.py (PEXPECT_SCRIPT overrides) against it,
# and prints one JSON line per tool. Needs Debian's python3-serial and python3-pexpect.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-2000}"
link=target/bench.tty
baseline="${PEXPECT_SCRIPT:-../shared/bench/pexpect_roundtrip.py}"

# a Python that has pyserial and pexpect (Debian's packages live in /usr/bin/python3)
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import serial, pexpect' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "bench-roundtrip: no python3 with pyserial and pexpect (apt-get install python3-serial python3-pexpect)" >&2
  exit 2
fi

if [ ! -f "$baseline" ]; then
  echo "bench-roundtrip: no peer baseline at $baseline; set PEXPECT_SCRIPT to the path of pexpect_roundtrip.py" >&2
  exit 2
fi

./mipl-hil --version >/dev/null    # builds on first use, before any timing starts
mkdir -p target
rm -f "$link"
./mipl-hil sim --link "$link" >target/bench-sim.log 2>&1 &
sim=$!
trap 'kill "$sim" 2>/dev/null || true; wait "$sim" 2>/dev/null || true' EXIT

deadline=$((SECONDS + 60))
until [ -L "$link" ] && [ -e "$link" ]; do
  if ! kill -0 "$sim" 2>/dev/null; then
    echo "bench-roundtrip: the virtual module exited; its log:" >&2
    cat target/bench-sim.log >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "bench-roundtrip: $link did not appear within 60 s; the virtual module's log:" >&2
    cat target/bench-sim.log >&2
    exit 1
  fi
  sleep 0.2
done

./mipl-hil bench roundtrip --port "$link" --count "$count"
"$python" "$baseline" "$link" "$count"
