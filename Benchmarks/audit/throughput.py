#!/usr/bin/env python3
"""Two jobs against one (issues 6, 13 and 14): the throughput `fairlabel audit --jobs 2` reaches
against `--jobs 1` on the same batch, measured in alternating rounds so that a change in the
machine's load hits both sides alike.

Usage (from the repository root):
    python3 Benchmarks/audit/throughput.py                 # 1 000 submissions, 3 rounds
    python3 Benchmarks/audit/throughput.py --count 2000 --rounds 5 --no-write

Builds fairlabel in release mode, generates the batch with Benchmarks/audit/generate.py (seed
61420, the generator's whole mix) under Benchmarks/out/audit/throughput/ (git-ignored), then runs
`fairlabel audit DIR --out OUT --as-of 2026-06-30 --jobs N --timings` with N = 1, 2, 1, 2, ...
for the given number of rounds. Each round's ratio is its one-job wall time over its two-job wall
time; the figure reported is the median ratio, beside every round's times, CPU and load averages.
Writes the `throughput` section of BENCHMARKS.md unless --no-write. Set FAIRLABEL_XPATH to choose
the XPath evaluator; the section says which was used.
"""
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the batch benchmark's helpers: build, generate, fairlabel under /usr/bin/time)

FOLDER = os.path.join(run.OUT, "throughput")


def measure(corpus, facts, count, rounds):
    results = []
    for index in range(rounds):
        one = run.fairlabel([corpus], 1, f"throughput-{index}-jobs1")
        two = run.fairlabel([corpus], 2, f"throughput-{index}-jobs2")
        for side in (one, two):
            side.pop("decisions", None)
        results.append({"jobs1": one, "jobs2": two, "ratio": one["wall"] / two["wall"]})
        run.log(f"round {index + 1}: 2 jobs give {results[-1]['ratio']:.2f}x the throughput of 1")
    return {"machine": run.machine(), "corpus": facts, "rounds": results, "count": count,
            "evaluator": os.environ.get("FAIRLABEL_XPATH", "compiled")}


def markdown(r):
    m, c = r["machine"], r["corpus"]
    ratios = [x["ratio"] for x in r["rounds"]]
    median = statistics.median(ratios)
    lines = ["<!-- throughput:begin (written by Benchmarks/audit/throughput.py; do not edit by hand) -->",
             "## Two jobs against one (issues 6, 13, 14)", "",
             f"Command: `python3 Benchmarks/audit/throughput.py --count {r['count']} --rounds {len(ratios)}` (release build). "
             f"It runs `fairlabel audit DIR --out OUT --as-of {run.AS_OF} --jobs N --timings` over the same "
             f"{c['files']:,} generated submissions ({c['bytes'] / 1e6:.0f} MB, median {c['median'] / 1e3:.0f} KB, largest {c['max'] / 1e6:.1f} MB, "
             f"{c['sites_min']} to {c['sites_max']} sites) with N = 1 and 2 in alternating rounds, so that a change in load hits both alike; "
             f"XPath evaluator: {r['evaluator']}. Machine: {m['cores']} cores ({m['cpu']}), {m['arch']}, Linux {m['kernel']}; {m['swift']}; "
             f"fairlabel built from `{m['commit']}`.", "",
             "| round | 1 job wall | 1 job CPU | 2 jobs wall | 2 jobs CPU | 2 jobs CPU / wall | throughput ratio | load before (1 job → 2 jobs) |",
             "|---:|---:|---:|---:|---:|---:|---:|---|"]
    for index, x in enumerate(r["rounds"], 1):
        one, two = x["jobs1"], x["jobs2"]
        lines.append(f"| {index} | {one['wall']:.1f} s | {one['cpu']:.1f} s | {two['wall']:.1f} s | {two['cpu']:.1f} s | "
                     f"{two['cpu'] / two['wall']:.2f} | {x['ratio']:.2f}× | {one['load_before']} → {two['load_before']} |")
    extra = statistics.median(x["jobs2"]["cpu"] / x["jobs1"]["cpu"] for x in r["rounds"])
    lines += ["", f"Median over {len(ratios)} rounds: 2 jobs give **{median:.2f}×** the throughput of 1 "
              f"(target 1.8×: **{'met' if median >= 1.8 else 'not met'}**). Two jobs spend {extra:.2f}× the CPU time of one on the same files.",
              "<!-- throughput:end -->"]
    return "\n".join(lines) + "\n"


def main():
    args = run.comparison_arguments(__doc__, 1000, "alternating rounds of --jobs 1 and --jobs 2 (default 3)")
    corpus, facts = run.prepared_corpus(FOLDER, args.count, args.no_build)
    results = measure(corpus, facts, args.count, args.rounds)
    with open(os.path.join(FOLDER, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    section = markdown(results)
    print(section)
    if not args.no_write:
        run.write_marked_section("throughput", section, after="<!-- audit:end -->\n")


if __name__ == "__main__":
    main()
