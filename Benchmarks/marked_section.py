"""The one writer of BENCHMARKS.md's marked sections, shared by the benchmark scripts."""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_marked_section(name, section, after=None):
    """Replaces the section between `<!-- NAME:begin` and `<!-- NAME:end -->` of BENCHMARKS.md, or
    adds it (after the line `after` when given, else at the end). `section` includes both marker
    lines and ends with a newline."""
    path = os.path.join(ROOT, "BENCHMARKS.md")
    with open(path) as file:
        text = file.read()
    if f"<!-- {name}:begin" in text:
        text = re.sub(rf"<!-- {name}:begin.*?<!-- {name}:end -->\n", lambda _: section, text, flags=re.S)
    elif after and after in text:
        text = text.replace(after, after + "\n" + section, 1)
    else:
        text = text.rstrip("\n") + "\n\n\n" + section
    with open(path, "w") as file:
        file.write(text)
    return path
