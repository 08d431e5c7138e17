#!/usr/bin/env python3
"""Result writers benchmark (issue 14, item 4: "the SVRL and JSON writers at 300 MB/s or more, so
that writing the results never costs more than finding them").

Usage (from the repository root):
    python3 Benchmarks/writers/run.py [--rounds N] [--no-write]

Builds WriterBenchmark in release mode (.build-release), generates the Schematron benchmark's
inputs (Benchmarks/schematron/generate.py: 120 assertions, documents of N records failing 2 or 10
assertions each) under Benchmarks/out/schematron, and for each document validates it once, then
writes its report N times (default 10) each way:

  SVRL          Schematron's SVRL.document, what `fairlabel schematron --format svrl` writes
  JSON          ValidationJSON, what `fairlabel schematron --format json` writes
  JSONEncoder   Foundation's JSONEncoder over the report's Codable form with the same settings:
                the same bytes (a test holds them equal), the way they were written before

Times are the fastest round in the writing thread's CPU time (clock_gettime
CLOCK_THREAD_CPUTIME_ID), so that a busy machine does not distort them; the load average is
printed beside them. Rewrites the writers section of BENCHMARKS.md (unless --no-write).
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import marked_section  # noqa: E402  (BENCHMARKS.md's section writer, shared by the benchmarks)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Benchmarks/out/schematron")
BINARY = os.path.join(ROOT, ".build-release/release/WriterBenchmark")
SIZES = (250, 1000, 4000)


def run(document, rounds):
    output = subprocess.run([BINARY, os.path.join(OUT, "bench.sch"), document, str(rounds)], check=True,
                            stdout=subprocess.PIPE, text=True).stdout.split()
    values = dict(zip(output[0::2], output[1::2]))
    return {key: float(value) for key, value in values.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "WriterBenchmark", "--scratch-path",
                    os.path.join(ROOT, ".build-release")], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/schematron/generate.py"), OUT], check=True,
                   stdout=subprocess.DEVNULL)
    load_before = os.getloadavg()[0]
    rows = []
    for kind, failing in (("large", 2), ("heavy", 10)):
        for records in SIZES:
            r = run(os.path.join(OUT, kind, f"records-{records}.xml"), arguments.rounds)
            rows.append((records, failing, r))
            print(f"{kind} {records}: SVRL {r['svrl_bytes'] / r['svrl_seconds'] / 1e6:.0f} MB/s, "
                  f"JSON {r['json_bytes'] / r['json_seconds'] / 1e6:.0f} MB/s, "
                  f"JSONEncoder {r['encoder_bytes'] / r['encoder_seconds'] / 1e6:.0f} MB/s", flush=True)
    load_after = os.getloadavg()[0]
    lines = [
        "<!-- writers:begin (written by Benchmarks/writers/run.py; do not edit by hand) -->",
        "## The result writers (issue 14, item 4)",
        "",
        f"Command: `python3 Benchmarks/writers/run.py --rounds {arguments.rounds}` (release build; load average "
        f"{load_before:.1f} before, {load_after:.1f} after). Each document is validated once against the Schematron "
        "benchmark's schema (120 assertions), then its report is written each way; the fastest of "
        f"{arguments.rounds} rounds in the writing thread's CPU time. MB are 10^6 bytes. JSONEncoder is Foundation's "
        "over the report's Codable form with the same settings (pretty-printed, sorted keys): the same bytes as "
        "`ValidationJSON` (`ValidationJSONTests` holds them equal), and what `--format json` used before. "
        "Validation is the same thread's CPU time for finding the results.",
        "",
        "| records | failed asserts | fired rules | validation (s) | SVRL (MB) | SVRL (s) | SVRL MB/s | JSON (MB) | JSON (s) | JSON MB/s | JSONEncoder (s) | JSONEncoder MB/s | JSON vs JSONEncoder |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for records, failing, r in rows:
        lines.append(
            f"| {records} × {failing} failing | {r['failed']:.0f} | {r['fired']:.0f} | {r['validate']:.3f} | "
            f"{r['svrl_bytes'] / 1e6:.1f} | {r['svrl_seconds']:.3f} | **{r['svrl_bytes'] / r['svrl_seconds'] / 1e6:.0f}** | "
            f"{r['json_bytes'] / 1e6:.1f} | {r['json_seconds']:.3f} | **{r['json_bytes'] / r['json_seconds'] / 1e6:.0f}** | "
            f"{r['encoder_seconds']:.3f} | {r['encoder_bytes'] / r['encoder_seconds'] / 1e6:.0f} | "
            f"{r['encoder_seconds'] / r['json_seconds']:.1f}× faster |")
    slowest_svrl = min(r["svrl_bytes"] / r["svrl_seconds"] for _, _, r in rows) / 1e6
    slowest_json = min(r["json_bytes"] / r["json_seconds"] for _, _, r in rows) / 1e6
    costlier = [f"{records} × {failing}" for records, failing, r in rows
                if max(r["svrl_seconds"], r["json_seconds"]) > r["validate"]]
    lines += [
        "",
        f"Target 300 MB/s: SVRL slowest {slowest_svrl:.0f} MB/s ({'met' if slowest_svrl >= 300 else 'not met'}), "
        f"JSON slowest {slowest_json:.0f} MB/s ({'met' if slowest_json >= 300 else 'not met'}). Writing costs more than "
        f"finding the results in: {', '.join(costlier) if costlier else 'none of these documents'}.",
        "<!-- writers:end -->",
        "",
    ]
    if not arguments.no_write:
        print(marked_section.write_marked_section("writers", "\n".join(lines), after="<!-- xpath-profile:end -->\n"))


if __name__ == "__main__":
    main()
