#!/usr/bin/env python3
"""Hostile-schema benchmark (issue 15, item 7): seconds per megabyte of schema for Schematron
schemas built to make a processor recurse, loop or grow without bound, fairlabel against lxml's
ISO Schematron (XSLT-based) in one run.

Usage (from the repository root):
    python3 Benchmarks/hostile/schemas.py [--binary PATH] [--runs N] [--no-write]

Writes every schema under Benchmarks/out/hostile-schemas, times `fairlabel schematron SCHEMA
DOC` on a one-element document (load, compile and run), and lxml's
`isoschematron.Schematron(...).validate(doc)` in a child Python process on the same files, each
stopped after TIMEOUT seconds. Each kind comes in two sizes so that growth shows: linear time
keeps seconds per MB flat. The outcome column says what fairlabel did: `ran` (a report),
`refused at load` (a load error naming the line) or `bounded` (the evaluation bound stopped the
document, which is reported as such). The goal is under 1 s per MB, never a crash or a hang.
Rewrites the hostile-schemas section of BENCHMARKS.md (unless --no-write).
"""
import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import marked_section  # noqa: E402  (BENCHMARKS.md's section writer, shared by the benchmarks)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Benchmarks/out/hostile-schemas")
TIMEOUT = 60
MB = 1 << 20
SCH = "http://purl.oclc.org/dsdl/schematron"


def schema(body):
    return f'<schema xmlns="{SCH}">{body}</schema>'


def variable_chain(count):
    lets = "".join(f'<let name="v{i}" value="$v{i - 1}"/>' for i in range(1, count))
    return schema(f'<let name="v0" value="1"/>{lets}'
                  f'<pattern><rule context="/*"><assert test="$v{count - 1} = 1">the chain carries 1</assert>'
                  "</rule></pattern>")


def extends_chain(count):
    rules = "".join(f'<rule abstract="true" id="r{i}"><extends rule="r{i + 1}"/></rule>' for i in range(count - 1))
    return schema(f'<pattern>{rules}<rule abstract="true" id="r{count - 1}"><assert test="true()">leaf</assert></rule>'
                  '<rule context="/*"><extends rule="r0"/></rule></pattern>')


def doubling_string(count):
    # Each variable doubles the one before: 2^count characters at the end, unless bounded.
    lets = "".join(f'<let name="s{i}" value="concat($s{i - 1}, $s{i - 1})"/>' for i in range(1, count))
    return schema(f'<pattern><rule context="/*"><let name="s0" value="\'xx\'"/>{lets}'
                  f'<assert test="string-length($s{count - 1}) &gt; 0">long</assert></rule></pattern>')


def diagnostics_by_reference(count):
    asserts = "".join(f'<assert test="false()" diagnostics="d{i}">a{i}</assert>' for i in range(count))
    diagnostics = "".join(f'<diagnostic id="d{i}">diagnostic {i}</diagnostic>' for i in range(count))
    return schema(f'<pattern><rule context="/*">{asserts}</rule></pattern><diagnostics>{diagnostics}</diagnostics>')


def many_rules_one_context(count):
    rules = "".join(f'<rule context="/*"><assert test="true()">r{i}</assert></rule>' for i in range(count))
    return schema(f"<pattern>{rules}</pattern>")


# label, builder, the outcome fairlabel must give, sizes (the builder's count)
KINDS = [
    ("a chain of variables, each defined by the one before", variable_chain, "ran", [20_000, 100_000]),
    ("a chain of abstract rules, each extending the next", extends_chain, "refused at load", [2_000, 10_000]),
    ("variables that double a string, 28 and 40 times", doubling_string, "bounded", [28, 40]),
    ("asserts that each name a diagnostic among as many", diagnostics_by_reference, "ran", [5_000, 20_000]),
    ("rules with the same context in one pattern", many_rules_one_context, "ran", [10_000, 50_000]),
]


LXML = """
import sys
from lxml import etree, isoschematron
schema = isoschematron.Schematron(etree.parse(sys.argv[1]))
schema.validate(etree.fromstring(b"<a/>"))
"""


def timed(command, runs):
    """Median wall and CPU seconds (user + system) of `runs` runs, and the last result;
    (None, None, None) past TIMEOUT. CPU time says what a run costs when the machine is shared."""
    walls, cpus = [], []
    result = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        try:
            result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, None, None
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus), result


def outcome_of(result):
    text = result.stdout + result.stderr
    if result.returncode < 0 or result.returncode > 2:
        return f"crashed ({result.returncode})"
    if "not validated" in text and "stopped:" in text:
        return "bounded"
    if result.returncode == 2 and re.search(r"\.sch:\d+", text):
        return "refused at load"
    if result.returncode in (0, 1):
        return "ran"
    return f"exit {result.returncode}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", help="a release build of fairlabel (default: build .build/release/fairlabel)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    fairlabel = os.path.abspath(args.binary) if args.binary else os.path.join(ROOT, ".build/release/fairlabel")
    if not args.binary:
        subprocess.run(["swift", "build", "-c", "release", "--product", "fairlabel"], cwd=ROOT, check=True)
    os.makedirs(OUT, exist_ok=True)
    document = os.path.join(OUT, "a.xml")
    with open(document, "w") as file:
        file.write("<a/>")
    rows = []
    worst = 0.0
    load_before = os.getloadavg()[0]
    for index, (label, make, expected, counts) in enumerate(KINDS):
        for count in counts:
            path = os.path.join(OUT, f"{index:02d}-{count}.sch")
            with open(path, "w") as file:
                file.write(make(count))
            size = os.path.getsize(path)
            ours, cpu, result = timed([fairlabel, "schematron", path, document], args.runs)
            if ours is None:
                sys.exit(f"{label} ({count}): fairlabel did not finish in {TIMEOUT} s")
            outcome = outcome_of(result)
            if outcome != expected:
                sys.exit(f"{label} ({count}): expected {expected}, fairlabel {outcome}:\n{(result.stdout + result.stderr)[:800]}")
            theirs, their_cpu, peer = timed([sys.executable, "-c", LXML, path], 1)
            peer_outcome = "—" if peer is None else ("ran" if peer.returncode == 0 else "error")
            # A bounded run is stopped by an evaluation bound, whatever the schema's size: its time is
            # the bound's, not a cost per byte of schema.
            per_mb = "—" if outcome == "bounded" else f"{cpu / (size / MB):.3f}"
            if outcome != "bounded":
                worst = max(worst, cpu / (size / MB))
            rows.append((label, f"{count:,}", f"{size:,}", outcome, f"{ours:.3f}", f"{cpu:.3f}", per_mb,
                         f"> {TIMEOUT}" if theirs is None else f"{theirs:.3f} ({their_cpu:.3f})", peer_outcome))
            print(rows[-1], flush=True)
    section = markdown(args, rows, worst, load_before, os.getloadavg()[0])
    if args.no_write:
        print(section)
        return
    marked_section.write_marked_section("hostile-schemas", section, after="<!-- hostile:end -->\n")
    print(section)


def markdown(args, rows, worst, load_before, load_after):
    import lxml
    lines = [
        "<!-- hostile-schemas:begin (written by Benchmarks/hostile/schemas.py; do not edit by hand) -->",
        "## Hostile schemas (issue 15, item 7)",
        "",
        f"Command: `python3 Benchmarks/hostile/schemas.py --runs {args.runs}` (release build). Machine: {os.cpu_count()} "
        f"cores, {platform.machine()}, {platform.system()} {platform.release()}, load average {load_before:.1f} before "
        f"and {load_after:.1f} after. Run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; fairlabel: median of "
        f"{args.runs} runs of `fairlabel schematron SCHEMA a.xml` (start-up, load, compile and the run on `<a/>`); peer: "
        f"lxml {lxml.__version__}'s `isoschematron` in a child process, one run, stopped after {TIMEOUT} s. "
        f"Goal: under 1 s per MB of schema, never a crash or a hang. A `bounded` run stops at the default string bound (64 MiB), so its time "
        f"is the bound's, not a cost per byte of schema. Worst fairlabel figure: {worst:.3f} s of CPU per MB "
        "(CPU time, user and system, is given beside wall time because the machine is shared; on an idle machine "
        "wall time is about the CPU time).",
        "",
        "| schema | count | bytes | fairlabel | fairlabel wall s | fairlabel CPU s | fairlabel CPU s/MB | lxml wall s (CPU s) | lxml |",
        "|---|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines.append("<!-- hostile-schemas:end -->")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
