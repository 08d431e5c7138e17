#!/usr/bin/env python3
"""What recording the values read costs (issue 12): `fairlabel audit --values-read 3` (the
default: up to three places per check show what was read where the check held) against
`--values-read 0` (none recorded), on the same batch, in alternating rounds.

Usage (from the repository root):
    python3 Benchmarks/audit/values_read.py                 # 300 submissions, 3 rounds
    python3 Benchmarks/audit/values_read.py --count 1000 --rounds 5 --no-write

Builds fairlabel in release mode, generates the batch with Benchmarks/audit/generate.py (seed
61420) under Benchmarks/out/audit/values-read/ (git-ignored), then runs
`fairlabel audit DIR --out OUT --as-of 2026-06-30 --jobs 1 --timings --values-read N` for N = 3
and 0 in turn. It reports, per setting, the median wall time, the criteria and report stages
(from --timings) and the size of the JSON and HTML reports written, and writes the
`values-read` section of BENCHMARKS.md unless --no-write.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the batch benchmark's helpers)

FOLDER = os.path.join(run.OUT, "values-read")
SETTINGS = [3, 0]


def folder_bytes(folder, suffix):
    return sum(e.stat().st_size for e in os.scandir(folder) if e.name.endswith(suffix))


def audit(corpus, values_read, label):
    reports = os.path.join(FOLDER, "reports-" + label)
    shutil.rmtree(reports, ignore_errors=True)
    before = run.load()
    started = time.perf_counter()
    result = subprocess.run([run.FAIRLABEL, "audit", corpus, "--out", reports, "--as-of", run.AS_OF, "--jobs", "1", "--timings",
                             "--values-read", str(values_read)], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"fairlabel audit exited {result.returncode}:\n{result.stderr[-2000:]}")
    match = run.TIMINGS.search(result.stderr)
    if not match:
        sys.exit(f"no stage timings in fairlabel's standard error:\n{result.stderr[-2000:]}")
    stages = dict(zip(run.STAGES, map(float, match.groups()[1:])))
    measured = {"values_read": values_read, "wall": wall, "stages": stages, "json_bytes": folder_bytes(reports, ".audit.json"),
                "html_bytes": folder_bytes(reports, ".audit.html"), "load_before": before}
    shutil.rmtree(reports, ignore_errors=True)
    run.log(f"--values-read {values_read}: {wall:.1f} s wall, criteria {stages['criteria']:.2f} s, report {stages['report']:.2f} s, "
            f"JSON {measured['json_bytes'] / 1e6:.1f} MB; load {before}")
    return measured


def markdown(r):
    m, c = r["machine"], r["corpus"]
    by = {n: [x for x in r["runs"] if x["values_read"] == n] for n in SETTINGS}

    def med(n, key):
        return statistics.median(key(x) for x in by[n])
    lines = ["<!-- values-read:begin (written by Benchmarks/audit/values_read.py; do not edit by hand) -->",
             "## What recording the values read costs (issue 12)", "",
             f"Command: `python3 Benchmarks/audit/values_read.py --count {r['count']} --rounds {r['rounds']}` (release build). It runs "
             f"`fairlabel audit DIR --out OUT --as-of {run.AS_OF} --jobs 1 --timings --values-read N` over the same {c['files']:,} "
             f"generated submissions ({c['bytes'] / 1e6:.0f} MB) with N = 3 (the default) and N = 0 (none recorded) in alternating "
             f"rounds; medians of {r['rounds']} runs each. Machine: {m['cores']} cores, {m['arch']}, Linux {m['kernel']}; {m['swift']}; "
             f"fairlabel built from `{m['commit']}`.", "",
             "| --values-read | wall | criteria stage | report stage | JSON reports | HTML reports |", "|---:|---:|---:|---:|---:|---:|"]
    for n in SETTINGS:
        lines.append(f"| {n} | {med(n, lambda x: x['wall']):.1f} s | {med(n, lambda x: x['stages']['criteria']):.2f} s | "
                     f"{med(n, lambda x: x['stages']['report']):.2f} s | {med(n, lambda x: x['json_bytes']) / 1e6:.1f} MB | "
                     f"{med(n, lambda x: x['html_bytes']) / 1e6:.1f} MB |")
    wall = med(3, lambda x: x["wall"]) / med(0, lambda x: x["wall"])
    crit = med(3, lambda x: x["stages"]["criteria"]) / med(0, lambda x: x["stages"]["criteria"])
    size = med(3, lambda x: x["json_bytes"]) / med(0, lambda x: x["json_bytes"])
    lines += ["", f"Recording the values read takes **{wall:.2f}×** the wall time of recording none ({crit:.2f}× in the criteria stage) "
              f"and makes the JSON reports {size:.2f}× as large.", "<!-- values-read:end -->"]
    return "\n".join(lines) + "\n"


def main():
    args = run.comparison_arguments(__doc__, 300, "alternating rounds (default 3)")
    corpus, facts = run.prepared_corpus(FOLDER, args.count, args.no_build)
    runs = []
    for index in range(args.rounds):
        for n in (SETTINGS if index % 2 == 0 else SETTINGS[::-1]):
            runs.append(audit(corpus, n, f"{index}-{n}"))
    results = {"machine": run.machine(), "corpus": facts, "count": args.count, "rounds": args.rounds, "runs": runs}
    with open(os.path.join(FOLDER, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    section = markdown(results)
    print(section)
    if not args.no_write:
        run.write_marked_section("values-read", section)


if __name__ == "__main__":
    main()
