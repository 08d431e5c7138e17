#!/bin/bash
# The SQLite WAL's peak while `registry verify` runs beside a writer: copies the benchmark's
# 1 000 000-entry registry, verifies the copy with BINARY (a RegistryBenchmark build) while
# `BINARY append COPY 30000` appends 30 000 events (batches of 1 000) from 2 s after the start,
# samples the WAL's size every 0.2 s until verify ends, and prints the peak, the size afterwards
# and both processes' JSON. Run from the repository's root (BENCHMARKS.md, section registry).
#
#   Benchmarks/registry/wal_during_verify.sh .build-release/release/RegistryBenchmark [FOLDER]
set -euo pipefail
B=$1
D=${2:-$(mktemp -d)}
mkdir -p "$D"
rm -f "$D"/registry.sqlite*
cp Benchmarks/out/registry/registry.sqlite "$D/registry.sqlite"
sqlite3 "$D/registry.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
"$B" verify "$D/registry.sqlite" >"$D/verify.json" 2>&1 &
verify=$!
sleep 2
"$B" append "$D/registry.sqlite" 30000 >"$D/append.json" 2>&1 &
append=$!
peak=0
while kill -0 "$verify" 2>/dev/null; do
  size=$(stat -c %s "$D/registry.sqlite-wal" 2>/dev/null || echo 0)
  [ "$size" -gt "$peak" ] && peak=$size
  sleep 0.2
done
wait "$append" || true
after=$(stat -c %s "$D/registry.sqlite-wal" 2>/dev/null || echo 0)
echo "peak_wal_bytes $peak wal_after $after load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$D/verify.json" "$D/append.json"
