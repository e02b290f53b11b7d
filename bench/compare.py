#!/usr/bin/env python3
"""The regression gate of `bench/run --against REV`: two kzfp binaries, every target, side by side.

usage: compare.py BASE_BIN NEW_BIN REV THRESHOLD_PERCENT SIZES DATA_DIR RESULTS_MD

For each target both binaries run alternately (base, new, then new, base, ...) in one
loop, so a burst of load from elsewhere on the machine falls on both; each run is a
whole process spawned directly (no shell), its stdout and stderr to /dev/null, timed
from spawn to reap, its peak RSS and CPU time read from wait4's rusage. The ratio is
new median / base median, of wall time and of CPU time (user + system). On this
shared 2-core machine a run of 2 ms waits on other processes' compiles for as long as
it runs, so its wall time alone cannot see 5% (identical binaries measured 10% apart);
its CPU time leaves the waiting out. A target is over the threshold when both ratios
are (CPU time alone would miss a lost thread, wall time alone the load); it is then
measured a second time and fails only when it is over in both passes (one pass can
be hit by another process's burst; a real slowdown is there twice). A target the base
binary cannot run (a subcommand it did not have yet) is shown with no ratio and does
not gate. Peak RSS is shown for the file targets only: wait4 reports at least the
spawning Python's own (about 15 MiB), which hides the embedded base's.

Prints the table, replaces the "Against" section of RESULTS_MD, exits 1 when a target fails.
"""

import os
import statistics
import subprocess
import sys
import time

from report import count_events

# Runs per binary and pass, by target class: a run of the embedded base costs
# about 2 ms, one on 100k events about 0.3 s, one on 1M about 3 s.
RUNS = {"embedded": 100, 100_000: 15, 1_000_000: 5}
WARMUP = {"embedded": 5, 100_000: 1, 1_000_000: 1}


def runs_for(klass):
    if klass == "embedded long":
        return RUNS[100_000], WARMUP[100_000]
    if klass == "embedded":
        return RUNS["embedded"], WARMUP["embedded"]
    if klass >= 1_000_000:
        return RUNS[1_000_000], WARMUP[1_000_000]
    if klass >= 100_000:
        return RUNS[100_000], WARMUP[100_000]
    return 30, 2


def targets(sizes, data):
    """(name, class, arguments) of every target: the embedded base, then each size."""
    out = [
        ("embedded `timeline`", "embedded", ["timeline"]),
        ("embedded `partner`", "embedded", ["partner"]),
        ("embedded `org`", "embedded", ["org"]),
        ("embedded `treaty`", "embedded", ["treaty"]),
        ("embedded `org un`", "embedded", ["org", "un"]),
        ("embedded `search russia`", "embedded", ["search", "russia"]),
        ("embedded `search` of 14,000 words", "embedded long", ["search", many_words()]),
        ("embedded `timeline -s` of 14,000 words", "embedded long",
         ["timeline", "-s", many_words()]),
    ]
    query = ["timeline", "--from", "1992", "--partner", "russia"]
    for size in sizes:
        n = count_events(size)
        f = os.path.join(data, f"events-{n}.toml")
        label = f"{n:,}"
        out += [
            (f"{label}: `{' '.join(query)} --json`", n, ["--facts", f, *query, "--json"]),
            (f"{label}: same, piped table", n, ["--facts", f, *query]),
            (f"{label}: same, `--format csv`", n, ["--facts", f, *query, "--format", "csv"]),
            (f"{label}: same, `--jq '.[].id'`", n, ["--facts", f, *query, "--jq", ".[].id"]),
            (f"{label}: `timeline -s 'gas pipeline' --json`", n,
             ["--facts", f, "timeline", "-s", "gas pipeline", "--json"]),
            (f"{label}: `check`", n, ["check", f]),
            (f"{label}: `search russia gas --json`", n,
             ["--facts", f, "search", "russia", "gas", "--json"]),
            (f"{label}: `graph`", n, ["--facts", f, "graph"]),
        ]
    return out


def many_words():
    """A 100 KB query of 14,000 six-letter words that match nothing (tests/bad_input.rs has
    the same): every term is tried on every name of the base."""
    seed, words = 7, []
    for _ in range(14_000):
        word = ""
        for _ in range(6):
            seed = (seed * 6364136223846793005 + 1442695040888963407) % 2**64
            word += chr(ord("a") + (seed >> 60) % 10)
        words.append(word)
    return " ".join(words)


def run_once(argv, devnull):
    """Wall seconds, CPU seconds and peak RSS (KiB) of one whole process; its exit status."""
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def measure(base, new, args, klass, devnull):
    """Medians of both binaries over alternating runs: {side: (wall, cpu, rss)}."""
    runs, warmup = runs_for(klass)
    for _ in range(warmup):
        run_once([base, *args], devnull)
        run_once([new, *args], devnull)
    samples = {"base": [], "new": []}
    for i in range(runs):
        order = (("base", base), ("new", new)) if i % 2 == 0 else (("new", new), ("base", base))
        for side, binary in order:
            samples[side].append(run_once([binary, *args], devnull)[:3])
    return {side: tuple(statistics.median(s[k] for s in values) for k in range(3))
            for side, values in samples.items()}


def probe(binary, args):
    """The exit code of one run, and the first line of its stderr when it failed."""
    done = subprocess.run([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    first = done.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
    return done.returncode, (first[0] if first else "")


def rss_of(klass, base, new):
    """Peak RSS of both sides ("" for the embedded base: see the module's note)."""
    if isinstance(klass, str):
        return ""
    return (f"{mib(base[2])} → " if base else "") + mib(new[2])


def seconds(value):
    return f"{value * 1000:.2f} ms" if value < 0.1 else f"{value:.3f} s"


def mib(kib):
    return f"{kib / 1024:.0f} MiB" if kib >= 10240 else f"{kib / 1024:.1f} MiB"


def machine_load():
    with open("/proc/loadavg", encoding="utf-8") as f:
        return " ".join(f.read().split()[:3])


def replace_section(path, heading, body):
    """RESULTS_MD keeps one section per kind of run; this one's is replaced, the rest kept."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        text = "# kzfp benchmark results\n"
    start = text.find(heading)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + body
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + body + (text[end + 1:] if end >= 0 else "")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n")


def main():
    base, new, rev, threshold, sizes, data, results = sys.argv[1:8]
    limit = 1 + float(threshold) / 100
    sizes = [s for s in sizes.split(",") if s]
    devnull = os.open(os.devnull, os.O_WRONLY)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, check=False).stdout.strip()
    tree = head + (" plus uncommitted changes" if dirty else "")
    load_before = machine_load()
    rows, failed = [], []
    for name, klass, args in targets(sizes, data):
        base_code, base_err = probe(base, args)
        new_code, new_err = probe(new, args)
        if new_code != 0:
            rows.append((name, "", "", "", "", "", f"FAIL: exit {new_code}: {new_err}"))
            failed.append(name)
            print(f"{name}: the working tree's binary exits {new_code}: {new_err}", flush=True)
            continue
        if base_code != 0:
            m = measure(new, new, args, klass, devnull)["new"]
            rows.append((name, "n/a", seconds(m[0]), "", "", rss_of(klass, None, m),
                         f"not in {rev} (exit {base_code})"))
            print(f"{name}: {seconds(m[0])} (not in {rev})", flush=True)
            continue
        passes = []
        for _ in range(2):
            m = measure(base, new, args, klass, devnull)
            wall, cpu = (m["new"][k] / m["base"][k] for k in (0, 1))
            passes.append((min(wall, cpu), wall, cpu, m))
            if min(wall, cpu) <= limit:
                break
        ratio, wall, cpu, m = min(passes, key=lambda p: p[0])
        ok = ratio <= limit
        verdict = "PASS" if ok else "FAIL"
        if len(passes) > 1:
            verdict += f" (2nd pass; 1st {passes[0][0]:.3f}×)"
        if not ok:
            failed.append(name)
        rows.append((name, seconds(m["base"][0]), seconds(m["new"][0]), f"{wall:.3f}×",
                     f"{cpu:.3f}×", rss_of(klass, m["base"], m["new"]), verdict))
        print(f"{name}: {seconds(m['base'][0])} -> {seconds(m['new'][0])} = {wall:.3f}x wall, "
              f"{cpu:.3f}x cpu {verdict}", flush=True)
    heading = "## Against "
    lines = [f"{heading}{rev}", "",
             f"`bench/run --against {rev} --sizes {','.join(sizes)} --threshold {threshold}`: "
             f"the working tree ({tree}) against {rev}, both release builds, on the same "
             f"generated files. Wall-time medians of alternating whole-process runs (embedded "
             f"{RUNS['embedded']}, 100k {RUNS[100_000]}, 1M {RUNS[1_000_000]} per binary and "
             f"pass), output to /dev/null. Load average {load_before} before, "
             f"{machine_load()} after.", "",
             f"| target | {rev} | working tree | wall ratio | CPU ratio | peak RSS "
             f"| verdict (≤ {limit:.2f}×) |",
             "|---|---:|---:|---:|---:|---:|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", f"{len(failed)} target(s) slower than {limit:.2f}×." if failed
              else f"Every target within {limit:.2f}×."]
    body = "\n".join(lines) + "\n"
    print()
    print(body)
    replace_section(results, heading, body)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
