#!/usr/bin/env bash
# Writes registry-format-2.sqlite, the registry that RegistryCompatibilityTests opens: a
# registry of format 2 written by an earlier fairlabel (the one committed was made by the
# debug build of commit e637474, which writes 5e2d3d6's format, before AuditBasis and
# RecordedAudit shared AuditFacts). It holds every kind of record a registry keeps: granted and conditional labels,
# audits without a label, restricted notices, suspension, reinstatement, a condition met,
# revocation, a rotated key, and a sweep's expiry and suspension.
#
#   Tests/RegistryTests/Fixtures/make-registry-format-2.sh .build/debug/fairlabel
#
# Never regenerate it with a newer fairlabel: its point is to be what an older one wrote.
set -euo pipefail
fairlabel=$(realpath "${1:?the fairlabel executable to write the registry with}")
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
registry=("--registry" "$work/registry.sqlite")

"$fairlabel" registry init --id regulator-fixture "${registry[@]}"
"$fairlabel" audit Schemas/examples --as-of 2026-06-30 --record "${registry[@]}" --out "$work/reports" >/dev/null || true
read -r granted conditional criterion other < <("$fairlabel" registry list --format json "${registry[@]}" | python3 -c '
import json, sys
found = json.load(sys.stdin)
rows = found if isinstance(found, list) else found["labels"]
granted = [r for r in rows if r["decision"] == "granted"]
conditional = [r for r in rows if r["decision"] == "conditional"]
print(granted[0]["id"], conditional[0]["id"], conditional[0]["openConditions"][0]["criterion"], conditional[1]["id"])')
"$fairlabel" label suspend "$granted" --reason "complaint under review" --actor "J. Smith" --date 2026-07-10 "${registry[@]}"
"$fairlabel" registry keys --rotate "${registry[@]}"
"$fairlabel" label reinstate "$granted" --actor "J. Smith" --date 2026-07-20 "${registry[@]}"
"$fairlabel" label condition-met "$conditional" --criterion "$criterion" --evidence "receipts 2026-09" --actor auditor \
  --date 2026-09-01 "${registry[@]}"
"$fairlabel" label revoke "$other" --reason "forced labour confirmed" --actor "J. Smith" --date 2026-10-01 "${registry[@]}"
"$fairlabel" registry sweep --as-of 2028-07-01 "${registry[@]}"
"$fairlabel" registry verify "${registry[@]}"
python3 - "$work/registry.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.execute("VACUUM")
db.close()
PY
cp "$work/registry.sqlite" Tests/RegistryTests/Fixtures/registry-format-2.sqlite
echo "wrote Tests/RegistryTests/Fixtures/registry-format-2.sqlite"
