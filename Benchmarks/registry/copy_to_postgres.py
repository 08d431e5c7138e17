#!/usr/bin/env python3
"""Copies an SQLite registry's rows into a PostgreSQL registry made with `fairlabel registry
init --id ID --registry postgres://…` (same registry id), so that both backends hold the very
same log, labels and keys: a 1 000 000-entry PostgreSQL registry in minutes instead of the
harness's hour of appends, for timing `RegistryBenchmark verify URL` against the SQLite one.

    python3 Benchmarks/registry/copy_to_postgres.py SQLITE_FILE 'postgres://USER:PASSWORD@HOST:PORT/DB'

The PostgreSQL registry's own rows (its first key, the empty log) are replaced; its format
version and migrations are kept. Needs psql.
"""
import csv
import io
import os
import sqlite3
import subprocess
import sys
import urllib.parse

TABLES = {
    "signing_key": ["kid", "x", "created", "retired"],
    "label": [
        "id", "organisation", "organisation_folded", "country", "sector", "scheme_id", "scheme_version", "decision",
        "status", "issue_date", "audit_date", "valid_until", "next_due", "record_json", "jws", "last_seq",
    ],
    "label_identifier": ["label_id", "identifier", "number"],
    "log_entry": ["seq", "label_id", "leaf", "leaf_hash", "root", "kid", "signature"],
    "log_state": ["id", "size", "frontier_json"],
    "merkle_node": ["level", "idx", "hash"],
}


def main() -> None:
    source, url = sys.argv[1], sys.argv[2]
    parts = urllib.parse.urlparse(url)
    env = dict(os.environ, PGPASSWORD=urllib.parse.unquote(parts.password or ""))
    psql = ["psql", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username, "-d", parts.path[1:],
            "-v", "ON_ERROR_STOP=1", "-q"]
    db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    registry = dict(db.execute("SELECT key, value FROM registry_meta WHERE key IN ('registry_id', 'created')"))
    script = io.StringIO()
    script.write("BEGIN;\n")
    for table in reversed(list(TABLES)):
        script.write(f"DELETE FROM {table};\n")
    for key, value in registry.items():
        script.write(f"UPDATE registry_meta SET value = '{value}' WHERE key = '{key}';\n")
    subprocess.run(psql, input=script.getvalue() + "COMMIT;\n", text=True, env=env, check=True)
    for table, columns in TABLES.items():
        order = "rowid" if table != "merkle_node" else "level, idx"
        rows = db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
        copy = subprocess.Popen(
            psql + ["-c", f"\\copy {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"],
            stdin=subprocess.PIPE, text=True, env=env)
        writer = csv.writer(copy.stdin)
        count = 0
        for row in rows:
            writer.writerow(["\\x" + value.hex() if isinstance(value, bytes) else ("\\N" if value is None else value)
                             for value in row])
            count += 1
        copy.stdin.close()
        if copy.wait() != 0:
            sys.exit(f"copying {table} failed")
        print(f"{table}: {count} rows", flush=True)
    subprocess.run(psql + ["-c", "ANALYZE"], env=env, check=True)


if __name__ == "__main__":
    main()
