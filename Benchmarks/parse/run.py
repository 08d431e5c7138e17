#!/usr/bin/env python3
"""Parse benchmark (issue 15, item 2): fairlabel's parse of one large valid submission against
xmllint's, time and peak memory, in one run.

Usage (from the repository root):
    python3 Benchmarks/parse/run.py [--runs N] [--size KB] [--binary PATH] [--no-write]

Builds fairlabel in release mode, generates one valid submission of about SIZE KB (default 39 000:
the granted example grown with many sites, `Benchmarks/audit/generate.py DIR --sizes KB
--per-size 1 --count 0`) under Benchmarks/out/parse, checks that xmllint finds it valid, then
runs, N times each and interleaved (default 5):

  fairlabel validate --timings FILE   its parse stage (the `parse` figure of --timings: reading the
                                      file, the linear pre-scan, and libxml2's parse into its tree),
                                      its validate stage, the whole command, the peak memory
  xmllint --timing --noout FILE       its "Parsing took" figure (libxml2 reading the file and
                                      building the tree), the whole command, the peak memory
  xmllint --timing --noout --schema Schemas/submission.xsd FILE
                                      the same with XSD validation, as fairlabel validate does

Peak memory is the maximum resident set size from `/usr/bin/time -f %M`. Medians are reported,
and the ratios are of medians from the same run. The goals: parse within 1.3x of xmllint's, and
peak memory within 6x of the document's size. Rewrites the parse section of BENCHMARKS.md
(unless --no-write).
"""
import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import marked_section  # noqa: E402  (BENCHMARKS.md's section writer, shared by the benchmarks)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Benchmarks/out/parse")
FAIRLABEL = os.path.join(ROOT, ".build/release/fairlabel")
SCHEMA = os.path.join(ROOT, "Schemas/submission.xsd")
MB = 1 << 20


def timed(command, environment=None):
    """Runs `command` under /usr/bin/time; returns (wall seconds, peak KB, stdout, stderr, status)."""
    wrapped = ["/usr/bin/time", "-f", "@@time %e %M"] + command
    result = subprocess.run(wrapped, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    match = re.search(r"@@time ([0-9.]+) ([0-9]+)", result.stderr)
    if not match:
        sys.exit(f"no timing from {' '.join(command)}:\n{result.stderr[-2000:]}")
    stderr = result.stderr[: match.start()]
    return float(match.group(1)), int(match.group(2)), result.stdout, stderr, result.returncode


def stage(text, name):
    match = re.search(rf"\b{name} ([0-9.]+) s", text)
    if not match:
        sys.exit(f"no {name} stage in fairlabel's --timings output:\n{text[-2000:]}")
    return float(match.group(1))


def took(text, what):
    match = re.search(rf"{what} took ([0-9.]+) ms", text)
    if not match:
        sys.exit(f"no '{what} took' in xmllint's --timing output:\n{text[-2000:]}")
    return float(match.group(1)) / 1000


def generate(size_kb):
    path = os.path.join(OUT, f"size-{size_kb:05d}kb-01.xml")
    if not os.path.exists(path):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "Benchmarks/audit/generate.py"), OUT, "--sizes", str(size_kb),
             "--per-size", "1", "--count", "0"],
            check=True)
    check = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", SCHEMA, path], stderr=subprocess.PIPE, text=True)
    if check.returncode != 0:
        sys.exit(f"{path} is not valid for xmllint:\n{check.stderr[-2000:]}")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=39000, help="target size in KB (default 39000)")
    parser.add_argument("--binary", help="a release build of fairlabel to use as it is (default: build .build/release/fairlabel)")
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing BENCHMARKS.md")
    args = parser.parse_args()
    global FAIRLABEL
    if args.binary:
        FAIRLABEL = os.path.abspath(args.binary)
    else:
        subprocess.run(["swift", "build", "-c", "release", "--product", "fairlabel"], cwd=ROOT, check=True)
    os.makedirs(OUT, exist_ok=True)
    path = generate(args.size)
    size = os.path.getsize(path)
    load_before = os.getloadavg()[0]

    samples = {key: [] for key in [
        "fl parse", "fl validate", "fl wall", "fl peak",
        "fa parse", "fa wall", "fa peak",
        "xl parse", "xl wall", "xl peak",
        "xs parse", "xs validate", "xs wall", "xs peak"]}
    for run in range(args.runs):
        wall, peak, out, err, status = timed([FAIRLABEL, "validate", "--timings", "--quiet", "--max-size", "256MiB", path])
        if status != 0:
            sys.exit(f"fairlabel validate exited {status}:\n{out[-1000:]}{err[-1000:]}")
        samples["fl parse"].append(stage(err, "parse"))
        samples["fl validate"].append(stage(err, "validate"))
        samples["fl wall"].append(wall)
        samples["fl peak"].append(peak)

        # The same with every thread on glibc's main malloc arena: shows what growing a worker
        # thread's own arena costs a cold process (see the section's note).
        wall, peak, out, err, status = timed(
            [FAIRLABEL, "validate", "--timings", "--quiet", "--max-size", "256MiB", path],
            environment={**os.environ, "GLIBC_TUNABLES": "glibc.malloc.arena_max=1"})
        if status != 0:
            sys.exit(f"fairlabel validate (one arena) exited {status}:\n{out[-1000:]}{err[-1000:]}")
        samples["fa parse"].append(stage(err, "parse"))
        samples["fa wall"].append(wall)
        samples["fa peak"].append(peak)

        wall, peak, out, err, status = timed(["xmllint", "--timing", "--noout", "--nonet", path])
        if status != 0:
            sys.exit(f"xmllint --noout exited {status}:\n{err[-1000:]}")
        samples["xl parse"].append(took(err, "Parsing"))
        samples["xl wall"].append(wall)
        samples["xl peak"].append(peak)

        wall, peak, out, err, status = timed(["xmllint", "--timing", "--noout", "--nonet", "--schema", SCHEMA, path])
        if status != 0:
            sys.exit(f"xmllint --schema exited {status}:\n{err[-1000:]}")
        samples["xs parse"].append(took(err, "Parsing"))
        samples["xs validate"].append(took(err, "Validating"))
        samples["xs wall"].append(wall)
        samples["xs peak"].append(peak)
        print(f"run {run + 1}: " + ", ".join(f"{key} {values[-1]}" for key, values in samples.items()), flush=True)
    load_after = os.getloadavg()[0]
    median = {key: statistics.median(values) for key, values in samples.items()}
    section = markdown(args, path, size, median, samples, load_before, load_after)
    if args.no_write:
        print(section)
    else:
        marked_section.write_marked_section("parse", section)
        print(section)


def markdown(args, path, size, m, samples, load_before, load_after):
    xmllint = subprocess.run(["xmllint", "--version"], stderr=subprocess.PIPE, text=True).stderr.splitlines()[0]
    mb = size / MB

    def s(value):
        return f"{value:.3f}"

    def peak(kb):
        return f"{kb / 1024:.0f} MB ({kb * 1024 / size:.1f}×)"

    def spread(key):
        return f"{min(samples[key]):.3f}–{max(samples[key]):.3f}"

    parse_ratio = m["fl parse"] / m["xl parse"]
    arena_ratio = m["fa parse"] / m["xl parse"]
    memory_ratio = m["fl peak"] * 1024 / size
    return "\n".join([
        "<!-- parse:begin (written by Benchmarks/parse/run.py; do not edit by hand) -->",
        "## Parse speed and memory on a large valid submission (issue 15, item 2)",
        "",
        f"Command: `python3 Benchmarks/parse/run.py --runs {args.runs} --size {args.size}` (release build). "
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}, "
        f"load average {load_before:.1f} before and {load_after:.1f} after (the machine is shared: read the ratios, "
        f"which compare runs interleaved in the same minutes). Peer: {xmllint}. Run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"median of {args.runs} runs.",
        "",
        f"Input: `{os.path.relpath(path, ROOT)}`, {size:,} bytes ({mb:.1f} MiB), generated by "
        f"`Benchmarks/audit/generate.py OUT --sizes {args.size} --per-size 1 --count 0` and valid for "
        "`xmllint --schema Schemas/submission.xsd`.",
        "",
        "| what | parse s | validate s | whole command s | peak memory (× document) |",
        "|---|---:|---:|---:|---:|",
        f"| `fairlabel validate --timings` | {s(m['fl parse'])} ({spread('fl parse')}) | {s(m['fl validate'])} | "
        f"{s(m['fl wall'])} | {peak(m['fl peak'])} |",
        f"| the same, `GLIBC_TUNABLES=glibc.malloc.arena_max=1` | {s(m['fa parse'])} ({spread('fa parse')}) | — | "
        f"{s(m['fa wall'])} | {peak(m['fa peak'])} |",
        f"| `xmllint --timing --noout` | {s(m['xl parse'])} ({spread('xl parse')}) | — | {s(m['xl wall'])} | {peak(m['xl peak'])} |",
        f"| `xmllint --timing --noout --schema` | {s(m['xs parse'])} | {s(m['xs validate'])} | {s(m['xs wall'])} | "
        f"{peak(m['xs peak'])} |",
        "",
        f"fairlabel's parse stage against xmllint's parse: **{parse_ratio:.2f}×** (goal: within 1.3×). "
        f"fairlabel's peak memory: **{memory_ratio:.1f}× the document** (goal: within 6×); xmllint's own peak is "
        f"{m['xl peak'] * 1024 / size:.1f}× for the parse alone and {m['xs peak'] * 1024 / size:.1f}× with the schema. "
        "fairlabel's parse stage covers reading the file, the linear pre-scan, and libxml2's parse into its tree "
        "(with the elements numbered for XPath); xmllint's \"Parsing took\" covers reading the file and the same parse.",
        "",
        f"With every thread on glibc's main arena, fairlabel's parse is **{arena_ratio:.2f}×** xmllint's. The difference is "
        "where the tree's memory comes from: fairlabel parses on a worker thread, whose own glibc arena grows 4 KiB at a "
        "time with one `mprotect` call each (about 81 500 calls for this document's 300 MB tree, counted with "
        "`strace -f -c -e trace=mprotect`), while xmllint parses on the main thread, whose heap grows with `brk` in "
        "128 KiB steps. fairlabel does not set the tunable itself: with a single arena, the threads of a batch or of the "
        "server would all allocate under one lock. What is left of the gap is fairlabel's own linear work: the pre-scan "
        "that refuses hostile input before libxml2 reads it (issue 15, item 1), and numbering the elements for XPath.",
        "",
        "The memory goal cannot be met while fairlabel keeps libxml2's tree: xmllint's tree alone is 8.3× this "
        "document. fairlabel adds the file's bytes (1×), which it holds while it parses because the pre-scan reads "
        "them whole first and the audit digests them; libxml2 now reads them from there a chunk at a time instead of "
        "copying them whole (that copy was another 1×).",
        "<!-- parse:end -->",
        "",
    ])


if __name__ == "__main__":
    main()
