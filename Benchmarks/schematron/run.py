#!/usr/bin/env python3
"""Schematron benchmark: fairlabel against xmllint --schematron and lxml's isoschematron, in one run.

Usage (from the repository root):
    python3 Benchmarks/schematron/run.py            # builds fairlabel in release mode, generates
                                                    # the inputs, measures, rewrites the Schematron
                                                    # section of BENCHMARKS.md

Every tool validates the same files with the same schema (Benchmarks/schematron/generate.py) and
must find the same number of failed asserts, or the run stops. Times are the median of several
wall-clock runs of the whole command (start-up included), so small-document figures are per
batch of 500 documents in one process. Ratios are what matter on a shared machine.
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Benchmarks/out/schematron")
FAIRLABEL = os.path.join(ROOT, ".build/release/fairlabel")
LXML = os.path.join(ROOT, "Benchmarks/schematron/lxml_validate.py")
SCHEMA = os.path.join(OUT, "bench.sch")
CORES = os.cpu_count() or 1


def timed(command, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def fairlabel_failures(result):
    match = re.search(r"(\d+) failed asserts?", result.stdout.strip().splitlines()[-1])
    return int(match.group(1))


def xmllint_failures(result):
    return sum(1 for line in result.stderr.splitlines() if " line " in line and line[0] == "/")


def lxml_failures(result):
    return sum(int(line.split()[-1]) for line in result.stdout.splitlines())


def measure(files, runs):
    jobs1, r1 = timed([FAIRLABEL, "schematron", SCHEMA, "--jobs", "1", *files], runs)
    jobsN, rN = timed([FAIRLABEL, "schematron", SCHEMA, "--jobs", str(CORES), *files], runs)
    xmllint, rx = timed(["xmllint", "--noout", "--schematron", SCHEMA, *files], runs)
    lxml, rl = timed([sys.executable, LXML, SCHEMA, *files], runs)
    counts = {"fairlabel": fairlabel_failures(r1), "fairlabel-jobs": fairlabel_failures(rN),
              "xmllint": xmllint_failures(rx), "lxml": lxml_failures(rl)}
    if len(set(counts.values())) != 1:
        sys.exit(f"the tools disagree on the failed asserts of {files[0]}…: {counts}")
    return {"fairlabel1": jobs1, "fairlabelN": jobsN, "xmllint": xmllint, "lxml": lxml, "failures": counts["xmllint"]}


def main():
    subprocess.run(["swift", "build", "-c", "release", "--product", "fairlabel"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/schematron/generate.py"), OUT], check=True)
    small = sorted(os.path.join(OUT, "small", f) for f in os.listdir(os.path.join(OUT, "small")))
    rows = {"small": measure(small, 5)}
    for kind in ("large", "heavy"):
        for records in (250, 500, 1000, 2000, 4000):
            rows[f"{kind}-{records}"] = measure([os.path.join(OUT, kind, f"records-{records}.xml")], 3)
    print(json.dumps(rows, indent=2))
    write_markdown(rows)


def write_markdown(rows):
    xmllint = subprocess.run(["xmllint", "--version"], capture_output=True, text=True).stderr.splitlines()[0]
    import lxml.etree
    lines = [
        "<!-- schematron:begin (written by Benchmarks/schematron/run.py; do not edit by hand) -->",
        "## ISO Schematron engine (issue 4)",
        "",
        "Command: `python3 Benchmarks/schematron/run.py` (release build; inputs from "
        "`Benchmarks/schematron/generate.py`, seed 19757). Schema: 120 assertions in 12 patterns. "
        f"Machine: {CORES} cores, {platform.machine()}, Linux {platform.release()}; peers: {xmllint}, "
        f"lxml {lxml.etree.__version__} (libxslt {'.'.join(map(str, lxml.etree.LIBXSLT_VERSION))}). "
        f"Run on {time.strftime('%Y-%m-%d')}. Every tool found the same number of failed asserts in every row. "
        "Times are medians of whole-command wall-clock runs (start-up included); "
        "ratios > 1 mean fairlabel is faster.",
        "",
        "### 500 small documents (20 records each, about 1 record in 4 failing), one process per tool",
        "",
        "| tool | seconds | per document | fairlabel (1 job) is faster by | fairlabel (default jobs) is faster by |",
        "|---|---:|---:|---:|---:|",
    ]
    r = rows["small"]
    for name, key in (("fairlabel, --jobs 1", "fairlabel1"), (f"fairlabel, --jobs {CORES} (default)", "fairlabelN"), ("xmllint --schematron", "xmllint"), ("lxml isoschematron", "lxml")):
        lines.append(f"| {name} | {r[key]:.3f} | {r[key] / 500 * 1000:.2f} ms | {r[key] / r['fairlabel1']:.2f}× | {r[key] / r['fairlabelN']:.2f}× |")
    for kind, title in (("large", "every record fails 2 assertions"), ("heavy", "every record fails 10 assertions")):
        lines += ["", f"### One document of N sibling records, {title}", "",
                  "| records | failed asserts | fairlabel 1 job (s) | xmllint (s) | lxml (s) | vs xmllint | vs lxml | fairlabel µs per record | xmllint µs per record | lxml µs per record |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for records in (250, 500, 1000, 2000, 4000):
            r = rows[f"{kind}-{records}"]
            lines.append(
                f"| {records} | {r['failures']} | {r['fairlabel1']:.3f} | {r['xmllint']:.3f} | {r['lxml']:.3f} | "
                f"{r['xmllint'] / r['fairlabel1']:.1f}× | {r['lxml'] / r['fairlabel1']:.1f}× | "
                f"{r['fairlabel1'] / records * 1e6:.0f} | {r['xmllint'] / records * 1e6:.0f} | {r['lxml'] / records * 1e6:.0f} |")
    lines.append("<!-- schematron:end -->")
    section = "\n".join(lines) + "\n"
    path = os.path.join(ROOT, "BENCHMARKS.md")
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n\nFigures are written by the harnesses in `Benchmarks/`; each section names its command.\n\n"
    if "<!-- schematron:begin" in text:
        text = re.sub(r"<!-- schematron:begin.*?<!-- schematron:end -->\n", section, text, flags=re.S)
    else:
        text += "\n" + section
    open(path, "w").write(text)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
