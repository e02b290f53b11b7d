#!/usr/bin/env python3
"""Turns bench/run's measurements into the results table (markdown on stdout).

usage: report.py RESULTS_DIR SIZES RESULTS_MD
RESULTS_DIR holds hyperfine's --export-json files, GNU time's peak RSS (KiB) per
command (*.rss) and the TOML sizes (*.size); SIZES is bench/run's --sizes value.
The table goes to stdout and RESULTS_DIR/report.md, and replaces RESULTS_MD but for
its "## Against" section (bench/compare.py's, kept).
"""

import json
import os
import platform
import subprocess
import sys


def hyperfine(path):
    with open(path, encoding="utf-8") as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def read_number(path):
    with open(path, encoding="utf-8") as f:
        return int(f.read().strip())


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def seconds(value):
    return f"{value * 1000:.2f} ms" if value < 0.1 else f"{value:.2f} s"


def mib(kib):
    return f"{kib / 1024:.0f} MiB" if kib >= 10240 else f"{kib / 1024:.1f} MiB"


def verdict(ok):
    return "PASS" if ok else "FAIL"


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores"


def tool_version(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "?"


def count_events(size):
    size = size.strip().lower()
    if size.endswith("m"):
        return int(size[:-1]) * 1_000_000
    if size.endswith("k"):
        return int(size[:-1]) * 1_000
    return int(size)


def main():
    out, sizes, results = sys.argv[1], sys.argv[2], sys.argv[3]
    targets = []
    lines = ["# kzfp benchmark results", ""]
    rev = tool_version("git", "rev-parse", "--short", "HEAD")
    if tool_version("git", "status", "--porcelain", "--untracked-files=no", "src", "Cargo.toml"):
        rev += " plus uncommitted changes in src/"
    lines.append(f"`bench/run --sizes {sizes}` on {machine()}; kzfp at {rev}, "
                 f"{tool_version('jq', '--version')}, {tool_version('hyperfine', '--version')}. "
                 "Medians of whole processes, output to /dev/null; peak RSS from GNU time.")
    lines += ["", "## Embedded base", "",
              "| command | median | vs jq on the same records | peak RSS |", "|---|---:|---:|---:|"]
    embedded = hyperfine(os.path.join(out, "embedded.json"))
    rss = {"kzfp timeline": "embedded-kzfp.rss", "jq timeline": "embedded-jq.rss"}
    pairs = {"kzfp timeline": "jq timeline", "kzfp org un": "jq org un",
             "kzfp partner --json": "jq partner"}
    for name, result in embedded.items():
        twin = pairs.get(name)
        ratio = f"{result['median'] / embedded[twin]['median']:.3f}×" if twin else ""
        peak = mib(read_number(os.path.join(out, rss[name]))) if name in rss else ""
        lines.append(f"| `{name}` | {seconds(result['median'])} | {ratio} | {peak} |")
        if twin:
            median = result["median"]
            targets.append((f"embedded `{name}` median ≤ 3 ms", seconds(median), median <= 0.003))
            ratio_value = median / embedded[twin]["median"]
            targets.append((f"embedded `{name}` ≤ 0.1× jq", f"{ratio_value:.3f}×", ratio_value <= 0.1))

    startup = os.path.join(out, "startup.json")
    if os.path.exists(startup):
        with open(startup, encoding="utf-8") as f:
            measured = json.load(f)
        lines += ["", f"## Start-up: an embedded query vs a Rust hello-world (same release "
                  f"profile), {measured['runs']} alternating runs each", "",
                  "| command | wall median | / hello | CPU median | / hello |",
                  "|---|---:|---:|---:|---:|"]
        for name in ("hello", "kzfp org un", "kzfp org un, 1,000 events embedded"):
            m = measured[name]
            lines.append(f"| `{name}` | {seconds(m['wall'])} | {m['wall_ratio']:.2f}× "
                         f"| {seconds(m['cpu'])} | {m['cpu_ratio']:.2f}× |")
            if name != "hello":
                targets.append((f"embedded `{name}` wall ≤ 1.2× hello-world",
                                f"{m['wall_ratio']:.2f}×", m["wall_ratio"] <= 1.2))

    lines += ["", "## Generated fact files: `kzfp --facts F timeline --from 1992 --partner russia "
              "--json` vs `jq '[.event[] | select(.date >= \"1992\" and (.partners | "
              "index(\"russia\")))]' F.json`", "",
              "| events | TOML size | kzfp median | jq median | kzfp / jq | kzfp peak RSS "
              "| RSS / TOML size | jq peak RSS |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    medians = {}
    for size in sizes.split(","):
        n = count_events(size)
        result = {**hyperfine(os.path.join(out, f"events-{n}-kzfp.json")),
                  **hyperfine(os.path.join(out, f"events-{n}-jq.json"))}
        toml_bytes = read_number(os.path.join(out, f"events-{n}.size"))
        kzfp_rss = read_number(os.path.join(out, f"events-{n}-kzfp.rss")) * 1024
        jq_rss = read_number(os.path.join(out, f"events-{n}-jq.rss")) * 1024
        kzfp, jq = result["kzfp"]["median"], result["jq"]["median"]
        medians[n] = kzfp
        lines.append(f"| {n:,} | {toml_bytes / 2**20:.0f} MiB | {seconds(kzfp)} | {seconds(jq)} "
                     f"| {kzfp / jq:.3f}× | {mib(kzfp_rss / 1024)} | {kzfp_rss / toml_bytes:.2f}× "
                     f"| {mib(jq_rss / 1024)} |")
        if n >= 100_000:
            targets.append((f"{n:,} events: kzfp ≤ 0.25× jq wall time", f"{kzfp / jq:.3f}×",
                            kzfp / jq <= 0.25))
            targets.append((f"{n:,} events: peak RSS ≤ 1.5× TOML size",
                            f"{kzfp_rss / toml_bytes:.2f}×", kzfp_rss / toml_bytes <= 1.5))
    if 100_000 in medians and 1_000_000 in medians:
        growth = medians[1_000_000] / medians[100_000]
        targets.append(("1M events time ≤ 11× 100k time", f"{growth:.1f}×", growth <= 11))

    lines += ["", "## Targets", "", "| target | measured | verdict |", "|---|---:|---|"]
    for name, measured, ok in targets:
        lines.append(f"| {name} | {measured} | {verdict(ok)} |")
    body = "\n".join(lines) + "\n"
    print(body, end="")
    with open(os.path.join(out, "report.md"), "w", encoding="utf-8") as f:
        f.write(body)
    write_keeping_against(results, body)


def write_keeping_against(path, body):
    """RESULTS_MD becomes BODY followed by the gate's section it had, if any."""
    kept = ""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        start = text.find("## Against ")
        if start >= 0:
            end = text.find("\n## ", start + 1)
            kept = text[start:end + 1 if end >= 0 else len(text)]
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(body + ("\n" + kept.rstrip("\n") + "\n" if kept else ""))


if __name__ == "__main__":
    main()
