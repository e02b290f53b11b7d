#!/usr/bin/env python3
"""Start-up of an embedded query against a Rust hello-world, side by side.

usage: startup.py OUT_JSON HELLO KZFP KZFP_1000

Runs `HELLO`, `KZFP org un` and `KZFP_1000 org un` (kzfp built with a generated
base of 1,000 events embedded) alternately, RUNS rounds, each a whole process
spawned directly (bench/compare.py's runner), and writes the medians of wall and
CPU time, and their ratios to the hello-world's, to OUT_JSON.
"""

import json
import os
import statistics
import sys

from compare import run_once

RUNS = 300


def main():
    out, hello, kzfp, kzfp_1000 = sys.argv[1:5]
    commands = {"hello": [hello], "kzfp org un": [kzfp, "org", "un"],
                "kzfp org un, 1,000 events embedded": [kzfp_1000, "org", "un"]}
    devnull = os.open(os.devnull, os.O_WRONLY)
    samples = {name: [] for name in commands}
    for i in range(RUNS + 10):
        names = list(commands)
        if i % 2:
            names.reverse()
        for name in names:
            wall, cpu, _, code = run_once(commands[name], devnull)
            if code != 0:
                sys.exit(f"startup.py: {name} exited {code}")
            if i >= 10:
                samples[name].append((wall, cpu))
    medians = {name: [statistics.median(s[k] for s in values) for k in (0, 1)]
               for name, values in samples.items()}
    result = {name: {"wall": wall, "cpu": cpu, "wall_ratio": wall / medians["hello"][0],
                     "cpu_ratio": cpu / medians["hello"][1]}
              for name, (wall, cpu) in medians.items()}
    result["runs"] = RUNS
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    for name, (wall, cpu) in medians.items():
        print(f"{name}: wall {wall * 1000:.3f} ms ({result[name]['wall_ratio']:.2f}x hello), "
              f"cpu {cpu * 1000:.3f} ms ({result[name]['cpu_ratio']:.2f}x hello)")


if __name__ == "__main__":
    main()
