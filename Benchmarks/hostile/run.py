#!/usr/bin/env python3
"""Hostile-input benchmark: seconds per megabyte for inputs built to make an XML parser slow,
fairlabel against xmllint (the same libxml2) in one run.

Usage (from the repository root):
    python3 Benchmarks/hostile/run.py [--quick] [--binary PATH]

Builds fairlabel in release mode (or uses the release binary given with --binary), writes every input under Benchmarks/out/hostile, times
`fairlabel validate FILE` (parse with every limit, then the XSD) and `xmllint --noout FILE`
(parse only) on each, and rewrites the hostile section of BENCHMARKS.md. Each kind comes in
two or three sizes so that growth shows: linear time keeps seconds per MB flat. xmllint is
stopped after TIMEOUT seconds. The goal is under 1 s/MB for fairlabel on every kind.
"""
import os
import platform
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import marked_section  # noqa: E402  (BENCHMARKS.md's section writer, shared by the benchmarks)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Benchmarks/out/hostile")
FAIRLABEL = os.path.join(ROOT, ".build/release/fairlabel")
TIMEOUT = 60
MB = 1 << 20


def attributes(size):
    count = size // 12
    return "<a " + " ".join(f'a{i}="v"' for i in range(count)) + "/>"


def namespaces(size):
    count = size // 24
    return "<a " + " ".join(f'xmlns:p{i}="urn:p{i}"' for i in range(count)) + "/>"


def namespaces_at_limit(size):
    element = "<e " + " ".join(f'xmlns:p{i}="u:{i}"' for i in range(1000)) + "/>\n"
    return "<r>\n" + element * max(1, size // len(element)) + "</r>"


def attributes_at_limit(size):
    element = "<e " + " ".join(f'a{i}="v"' for i in range(1000)) + "/>\n"
    return "<r>\n" + element * max(1, size // len(element)) + "</r>"


def namespaces_in_scope(size):
    # 50 nested elements each declaring 200 namespaces (10 000 in scope, each element well under
    # the per-element limit), then elements in the innermost one whose prefix is bound at the
    # outermost: libxml2 2.9 looks a prefix up through every namespace in scope.
    head = "".join(f"<l{d} " + " ".join(f'xmlns:p{d}x{i}="u:{i}"' for i in range(200)) + ">\n" for d in range(50))
    tail = "".join(f"</l{d}>" for d in reversed(range(50)))
    return head + "<p0x0:e/>" * max(1, (size - len(head) - len(tail)) // 9) + tail


def long_name(size):
    return "<" + "n" * size + "/>"


# libxml2 refuses an attribute value or a text node over 10 MB (without its "huge" mode): read below, refused above.
def long_attribute_value(size):
    return '<a v="' + "x" * size + '"/>'


def many_text_nodes(size):
    return "<r>" + "t<b/>" * (size // 5) + "</r>"


def many_siblings(size):
    return "<r>\n" + "<s a='1'>x</s>\n" * (size // 15) + "</r>"


def deep_then_wide(size):
    head = "<a>" * 250
    return head + "<b/>" * ((size - 2000) // 4) + "</a>" * 250


def long_text(size):
    return "<r>" + ("word &amp; " * (size // 10)) + "</r>"


def nul_at_end(size):
    return "<r>" + "<s>x</s>\n" * (size // 9) + "</r>\n\0"


KINDS = [
    ("attributes on one element", attributes, "refused", [MB // 8, MB // 4, MB // 2]),
    ("namespace declarations on one element", namespaces, "refused", [MB // 8, MB // 4, MB // 2]),
    ("elements each with 1 000 attributes (at the limit)", attributes_at_limit, "read", [MB, 4 * MB]),
    ("elements each with 1 000 namespace declarations (at the limit)", namespaces_at_limit, "read", [MB, 4 * MB]),
    ("10 000 namespaces in scope, then prefixed elements", namespaces_in_scope, "refused", [MB, 4 * MB]),
    ("one very long element name", long_name, "refused", [MB, 4 * MB]),
    ("one very long attribute value", long_attribute_value, None, [MB, 4 * MB, 16 * MB]),
    ("alternating text and empty elements", many_text_nodes, "read", [MB, 4 * MB, 16 * MB]),
    ("many sibling elements", many_siblings, "read", [MB, 4 * MB, 16 * MB]),
    ("256 levels deep, then wide", deep_then_wide, "read", [MB, 4 * MB]),
    ("long text with entity references", long_text, None, [MB, 4 * MB, 16 * MB]),
    ("a NUL byte at the end", nul_at_end, "refused", [MB, 4 * MB, 16 * MB]),
]


def timed(command, runs):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, None
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def fmt(seconds, size):
    if seconds is None:
        return f"> {TIMEOUT}", f"> {TIMEOUT / (size / MB):.1f}"
    return f"{seconds:.3f}", f"{seconds / (size / MB):.3f}"


def main():
    global FAIRLABEL
    quick = "--quick" in sys.argv
    runs = 1 if quick else 3
    if "--binary" in sys.argv:
        FAIRLABEL = os.path.abspath(sys.argv[sys.argv.index("--binary") + 1])
    else:
        subprocess.run(["swift", "build", "-c", "release", "--product", "fairlabel"], cwd=ROOT, check=True)
    os.makedirs(OUT, exist_ok=True)
    rows = []
    worst = 0.0
    for index, (label, make, expected, sizes) in enumerate(KINDS):
        for size in sizes[:2] if quick else sizes:
            path = os.path.join(OUT, f"{index:02d}-{size}.xml")
            with open(path, "w") as file:
                file.write(make(size))
            actual = os.path.getsize(path)
            ours, result = timed([FAIRLABEL, "validate", "--max-size", "64MiB", path], runs)
            stderr = result.stderr.decode(errors="replace") if result else ""
            stdout = result.stdout.decode(errors="replace") if result else ""
            output = stdout + stderr
            refused = "0 valid, 1 invalid" in output and "No matching global declaration" not in output
            outcome = "refused" if refused else "read"
            if expected is not None and outcome != expected:
                sys.exit(f"{label}: expected {expected}, fairlabel {outcome}:\n{output[:500]}")
            theirs, _ = timed(["xmllint", "--noout", path], runs)
            worst = max(worst, ours / (actual / MB))
            ratio = "—" if theirs is None else f"{theirs / ours:.1f}×"
            if theirs is None:
                ratio = f"> {TIMEOUT / ours:.0f}×"
            rows.append((label, actual, outcome, *fmt(ours, actual), *fmt(theirs, actual), ratio))
            print(rows[-1], flush=True)
            os.remove(path)
    write_markdown(rows, runs, worst)


def write_markdown(rows, runs, worst):
    xmllint = subprocess.run(["xmllint", "--version"], stderr=subprocess.PIPE, text=True).stderr.splitlines()[0]
    lines = [
        "<!-- hostile:begin (written by Benchmarks/hostile/run.py; do not edit by hand) -->",
        "## Hostile inputs (issue 15)",
        "",
        f"Command: `python3 Benchmarks/hostile/run.py` (release build). Machine: {os.cpu_count()} cores, "
        f"{platform.machine()}, {platform.system()} {platform.release()}; peer: {xmllint}. "
        f"Run on {time.strftime('%Y-%m-%d')}, median of {runs} run(s) of the whole command (start-up included). "
        "fairlabel runs `validate` (linear pre-scan, parse with every limit, XSD); xmllint runs `--noout` "
        f"(parse only) and is stopped after {TIMEOUT} s. Goal: under 1 s/MB on every kind. "
        f"Worst fairlabel figure in this run: {worst:.3f} s/MB.",
        "",
        "| input | bytes | fairlabel | fairlabel s | fairlabel s/MB | xmllint s | xmllint s/MB | fairlabel faster by |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(str(cell) for cell in row) + " |")
    lines.append("<!-- hostile:end -->")
    marked_section.write_marked_section("hostile", "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
