#!/usr/bin/env python3
"""XPath benchmark: the compiled XPath evaluator against libxml2's interpreter, in the same run (issue 14).

Usage (from the repository root):
    python3 Benchmarks/xpath/run.py                 # release build, inputs, measurements, then the
                                                    # `xpath` section of BENCHMARKS.md is rewritten
    python3 Benchmarks/xpath/run.py --no-build --no-write --runs 1
    python3 Benchmarks/xpath/run.py --scratch-path .build-release   # another build folder

fairlabel's side runs in `XPathBenchmark` (Benchmarks/xpath/XPathBenchmark/main.swift, a release build
of the library without the command line's server dependencies): it audits a folder with `Auditor`, the
code `fairlabel audit` runs, summing each submission's criteria-stage time as `--timings` does, and
validates documents with a compiled Schematron schema as `fairlabel schematron --jobs 1` does (the same
options), without writing the failures out; `fairlabel schematron --jobs 1` itself is measured beside
it. Measures, alternating the evaluator between runs so that both see the same
machine load:
  1. the criteria stage over a generated batch (`Benchmarks/audit/generate.py DIR --count 300`), with
     FAIRLABEL_XPATH=compiled and =libxml2;
  2. Schematron validation, one thread, of the Schematron benchmark's documents of 4 000 failing records
     (`Benchmarks/schematron/generate.py`), both evaluators, against `xmllint --schematron` and lxml's
     isoschematron; and of its 500 small documents against xmllint.
Every tool must find the same number of failed asserts, and both evaluators the same audit decisions,
or the run stops. Times are medians of whole-process wall-clock runs (start-up and schema compilation
included) except the criteria stage, which is the sum of the audits' own criteria timings.
"""
import argparse
import csv
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Benchmarks/out/xpath")
BENCH = os.path.join(ROOT, ".build/release/XPathBenchmark")  # set from --scratch-path in main()
FAIRLABEL = os.path.join(ROOT, ".build/release/fairlabel")  # likewise
LXML = os.path.join(ROOT, "Benchmarks/schematron/lxml_validate.py")
AUDIT = re.compile(r"files (\d+) criteria ([\d.e-]+) audit ([\d.e-]+) evaluator (\w+)\ndecisions (\w+)")
EVALUATORS = ("compiled", "libxml2")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def run(command, evaluator=None):
    env = dict(os.environ)
    if evaluator:
        env["FAIRLABEL_XPATH"] = evaluator
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return time.perf_counter() - start, result


def audit(batch, evaluator):
    wall, result = run([BENCH, "audit", batch], evaluator)
    match = AUDIT.search(result.stdout)
    if result.returncode != 0 or not match or match.group(4) != evaluator:
        sys.exit(f"XPathBenchmark audit ({evaluator}) exited {result.returncode}:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return {"wall": wall, "criteria": float(match.group(2)), "files": int(match.group(1)), "decisions": match.group(5)}


def fairlabel_failures(result):
    match = re.search(r"failed (\d+) seconds", result.stdout)
    if result.returncode != 0 or not match:
        sys.exit(f"XPathBenchmark schematron exited {result.returncode}:\n{result.stderr[-3000:]}")
    return int(match.group(1))


def cli_failures(result):
    # `fairlabel schematron` exits 1 when an assert failed; its last line counts them.
    match = re.search(r"(\d+) failed asserts?", result.stdout)
    if result.returncode not in (0, 1) or not match:
        sys.exit(f"fairlabel schematron exited {result.returncode}:\n{result.stderr[-3000:]}")
    return int(match.group(1))


def xmllint_failures(result):
    return sum(1 for line in result.stderr.splitlines() if " line " in line and line[0] == "/")


def lxml_failures(result):
    return sum(int(line.split()[-1]) for line in result.stdout.splitlines())


def schematron(schema, files, runs, peers):
    """Median wall time of each tool over `files`; every tool must count the same failures."""
    commands = {evaluator: ([BENCH, "schematron", schema, *files], evaluator) for evaluator in EVALUATORS}
    commands["cli"] = ([FAIRLABEL, "schematron", "--jobs", "1", schema, *files], None)
    if "xmllint" in peers:
        commands["xmllint"] = (["xmllint", "--noout", "--schematron", schema, *files], None)
    if "lxml" in peers:
        commands["lxml"] = ([sys.executable, LXML, schema, *files], None)
    parse = {"compiled": fairlabel_failures, "libxml2": fairlabel_failures, "cli": cli_failures, "xmllint": xmllint_failures,
             "lxml": lxml_failures}
    times = {name: [] for name in commands}
    counts = {}
    for _ in range(runs):
        for name, (command, evaluator) in commands.items():
            wall, result = run(command, evaluator)
            times[name].append(wall)
            counts[name] = parse[name](result)
    if len(set(counts.values())) != 1:
        sys.exit(f"the tools disagree on the failed asserts of {files[0]}…: {counts}")
    row = {name: statistics.median(values) for name, values in times.items()}
    row["failures"] = counts["compiled"]
    return row


def main():
    parser = argparse.ArgumentParser(description="The compiled XPath evaluator against libxml2's, in the same run.")
    parser.add_argument("--count", type=int, default=300, help="submissions in the audit batch (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command; medians are reported (default 3)")
    parser.add_argument("--scratch-path", default=".build", help="SwiftPM's build folder (default .build)")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = parser.parse_args()
    global BENCH, FAIRLABEL
    BENCH = os.path.join(ROOT, args.scratch_path, "release/XPathBenchmark")
    FAIRLABEL = os.path.join(ROOT, args.scratch_path, "release/fairlabel")
    if not args.no_build:
        for product in ("XPathBenchmark", "fairlabel"):
            subprocess.run(["swift", "build", "-c", "release", "--product", product, "--scratch-path", os.path.join(ROOT, args.scratch_path)],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    os.makedirs(OUT, exist_ok=True)
    batch = os.path.join(OUT, "batch")
    if not os.path.isdir(batch) or len(os.listdir(batch)) < args.count:
        shutil.rmtree(batch, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/audit/generate.py"), batch, "--count", str(args.count)], check=True,
                       stdout=subprocess.DEVNULL)
    bench = os.path.join(OUT, "schematron")
    if not os.path.exists(os.path.join(bench, "bench.sch")):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/schematron/generate.py"), bench], check=True, stdout=subprocess.DEVNULL)
    xml_files = sorted(f for f in os.listdir(batch) if f.endswith(".xml"))
    results = {"load_before": load(), "count": len(xml_files)}

    audits = {evaluator: [] for evaluator in EVALUATORS}
    for index in range(args.runs):
        for evaluator in (EVALUATORS if index % 2 == 0 else tuple(reversed(EVALUATORS))):
            measured = audit(batch, evaluator)
            audits[evaluator].append(measured)
            log(f"audit, {evaluator}: criteria {measured['criteria']:.2f} s, wall {measured['wall']:.2f} s, load {load()}")
    if audits["compiled"][0]["decisions"] != audits["libxml2"][0]["decisions"]:
        sys.exit("the evaluators reach different decisions (XPathBenchmark prints a different hash of them)")
    results["audit"] = {evaluator: {"criteria": statistics.median(m["criteria"] for m in runs), "wall": statistics.median(m["wall"] for m in runs),
                                    "files": runs[0]["files"]} for evaluator, runs in audits.items()}

    schema = os.path.join(bench, "bench.sch")
    small = sorted(os.path.join(bench, "small", f) for f in os.listdir(os.path.join(bench, "small")))
    results["small"] = schematron(schema, small, args.runs, ("xmllint",))
    log(f"small: {results['small']}")
    for kind in ("large", "heavy"):
        results[kind] = schematron(schema, [os.path.join(bench, kind, "records-4000.xml")], args.runs, ("xmllint", "lxml"))
        log(f"{kind} 4000: {results[kind]}")
    results["load_after"] = load()
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    print(json.dumps(results, indent=2))
    if not args.no_write:
        write_section(markdown(results))


def markdown(r):
    xmllint = subprocess.run(["xmllint", "--version"], capture_output=True, text=True).stderr.splitlines()[0]
    try:
        import lxml.etree
        lxml_version = f"lxml {lxml.etree.__version__}"
    except ImportError:
        lxml_version = "lxml (not installed)"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    a = r["audit"]
    lines = [
        "<!-- xpath:begin (written by Benchmarks/xpath/run.py; do not edit by hand) -->",
        "## The compiled XPath evaluator against libxml2's (issue 14)",
        "",
        "Command: `python3 Benchmarks/xpath/run.py` (release build of XPathBenchmark at "
        f"`{commit}`; audit batch from `Benchmarks/audit/generate.py DIR --count {r['count']}`, Schematron inputs from "
        "`Benchmarks/schematron/generate.py`). The evaluator is chosen per process with `FAIRLABEL_XPATH=compiled` or "
        "`FAIRLABEL_XPATH=libxml2`; the two alternate run by run. "
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Linux {platform.release()}, shared with other work "
        f"(load average {r['load_before']} before, {r['load_after']} after); peers: {xmllint}, {lxml_version}. "
        f"Run on {time.strftime('%Y-%m-%d')}. Medians of the runs; ratios > 1 mean the compiled evaluator (or fairlabel) is faster.",
        "",
        f"### Audit of {a['compiled']['files']} generated submissions, one thread: the criteria stage",
        "",
        "| evaluator | criteria stage (sum of the audits' timings) | whole process |",
        "|---|---:|---:|",
    ]
    for evaluator in EVALUATORS:
        lines.append(f"| {evaluator} | {a[evaluator]['criteria']:.2f} s | {a[evaluator]['wall']:.2f} s |")
    lines += ["", f"The compiled evaluator's criteria stage is **{a['libxml2']['criteria'] / a['compiled']['criteria']:.2f}×** as fast as "
              f"libxml2's (target: 5×). Both reached the same decision on every submission.", ""]
    lines += ["### Schematron validation, one thread, against `xmllint --schematron` and lxml's isoschematron", "",
              "fairlabel twice: `fairlabel schematron --jobs 1 SCHEMA FILES` itself (compiled evaluator, the default; each "
              "failure printed, as xmllint prints each), and `XPathBenchmark schematron` with each evaluator (the same "
              "validation with the same options, without the command line's start-up and output: the failed asserts are "
              "counted). Whole-process times for every tool.", "",
              "| input | failed asserts | `fairlabel schematron` (s) | compiled (s) | libxml2 (s) | xmllint (s) | lxml (s) | "
              "`fairlabel schematron` vs xmllint | compiled vs libxml2 | compiled vs xmllint | compiled vs lxml |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for key, title in (("small", "500 small documents (20 records each)"), ("large", "4 000 records, 2 failures each"),
                       ("heavy", "4 000 records, 10 failures each")):
        row = r[key]
        lxml_cell = f"{row['lxml']:.3f}" if "lxml" in row else "–"
        lxml_ratio = f"{row['lxml'] / row['compiled']:.1f}×" if "lxml" in row else "–"
        lines.append(f"| {title} | {row['failures']} | {row['cli']:.3f} | {row['compiled']:.3f} | {row['libxml2']:.3f} | {row['xmllint']:.3f} | "
                     f"{lxml_cell} | **{row['xmllint'] / row['cli']:.2f}×** | {row['libxml2'] / row['compiled']:.2f}× | "
                     f"{row['xmllint'] / row['compiled']:.2f}× | {lxml_ratio} |")
    lines.append("<!-- xpath:end -->")
    return "\n".join(lines) + "\n"


def write_section(section):
    path = os.path.join(ROOT, "BENCHMARKS.md")
    text = open(path).read()
    if "<!-- xpath:begin" in text:
        text = re.sub(r"<!-- xpath:begin.*?<!-- xpath:end -->\n", lambda _: section, text, flags=re.S)
    else:
        text += "\n" + section
    open(path, "w").write(text)
    log(f"wrote the xpath section of {path}")


if __name__ == "__main__":
    main()
