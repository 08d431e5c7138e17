#!/usr/bin/env python3
"""Deterministic inputs for the Schematron benchmark.

Writes into OUT (default Benchmarks/out/schematron):
  bench.sch              an ISO Schematron schema with 120 assertions in 12 patterns
  small/doc-NNN.xml      500 small documents of 20 records (about 1 in 4 records failing)
  large/records-N.xml    documents of N records, N in 250 500 1000 2000 4000, every record
                         failing 2 assertions
  heavy/records-N.xml    the same sizes, every record failing 10 assertions (every field negative)

The same seed always gives the same bytes.
"""
import os
import random
import sys

NS = "urn:fairlabel:bench"
FIELDS = ["amount", "quantity", "price", "weight", "hours", "rate", "days", "share", "count", "score"]


def schema() -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">',
             '  <sch:title>Benchmark: 120 assertions over records</sch:title>',
             f'  <sch:ns prefix="b" uri="{NS}"/>']
    number = 0
    for p, field in enumerate(FIELDS):
        lines.append(f'  <sch:pattern id="p-{field}">')
        lines.append('    <sch:rule context="b:record">')
        tests = [
            f"b:{field}",
            f"number(b:{field}) = number(b:{field})",
            f"number(b:{field}) &gt;= 0",
            f"number(b:{field}) &lt; 100000",
            f"string-length(b:{field}) &lt; 12",
            f"not(contains(b:{field}, ' '))",
            f"count(b:{field}) = 1",
            f"not(b:{field}/*)",
            f"@id and string-length(@id) &gt; 1",
            f"not(b:{field} = -1)",
        ]
        for test in tests:
            number += 1
            lines.append(f'      <sch:assert test="{test}" id="A{number:03d}" role="error">Record <sch:value-of select="@id"/>: {field} is <sch:value-of select="b:{field}"/>.</sch:assert>')
        lines.append('    </sch:rule>')
        lines.append('  </sch:pattern>')
    # Two more patterns over other contexts, 10 assertions each.
    lines.append('  <sch:pattern id="p-records">')
    lines.append('    <sch:rule context="b:records">')
    for i in range(10):
        number += 1
        lines.append(f'      <sch:assert test="count(b:record) &gt; {i}" id="A{number:03d}">Too few records.</sch:assert>')
    lines.append('    </sch:rule>')
    lines.append('  </sch:pattern>')
    lines.append('  <sch:pattern id="p-names">')
    lines.append('    <sch:rule context="b:record/b:name">')
    for i in range(10):
        number += 1
        lines.append(f'      <sch:assert test="string-length(.) &gt; {i % 3}" id="A{number:03d}">Name <sch:value-of select="."/> too short.</sch:assert>')
    lines.append('    </sch:rule>')
    lines.append('  </sch:pattern>')
    lines.append('</sch:schema>')
    assert number == 120
    return "\n".join(lines) + "\n"


def document(records: int, failing_share: float, rng: random.Random, failing_fields=("amount", "hours")) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<records xmlns="{NS}">']
    for i in range(records):
        failing = rng.random() < failing_share
        out.append(f'  <record id="r{i + 1}">')
        out.append(f'    <name>{"Supplier " + str(rng.randint(1, 9999))}</name>')
        for field in FIELDS:
            value = rng.randint(0, 5000)
            if failing and field in failing_fields:
                value = -rng.randint(2, 50)  # fails "&gt;= 0" in that field's pattern
            out.append(f'    <{field}>{value}</{field}>')
        out.append('  </record>')
    out.append('</records>')
    return "\n".join(out) + "\n"


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "Benchmarks/out/schematron"
    rng = random.Random(19757)
    os.makedirs(f"{out}/small", exist_ok=True)
    os.makedirs(f"{out}/large", exist_ok=True)
    os.makedirs(f"{out}/heavy", exist_ok=True)
    with open(f"{out}/bench.sch", "w") as f:
        f.write(schema())
    for n in range(500):
        with open(f"{out}/small/doc-{n:03d}.xml", "w") as f:
            f.write(document(20, 0.25, rng))
    for records in (250, 500, 1000, 2000, 4000):
        with open(f"{out}/large/records-{records}.xml", "w") as f:
            f.write(document(records, 1.0, rng))
    for records in (250, 500, 1000, 2000, 4000):
        with open(f"{out}/heavy/records-{records}.xml", "w") as f:
            f.write(document(records, 1.0, rng, failing_fields=FIELDS))
    print(f"wrote {out}: bench.sch, 500 small documents, 5 large and 5 heavy documents")


if __name__ == "__main__":
    main()
