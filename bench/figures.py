"""The figures a bench part measured, for bench/run's comparison: one JSON line per figure appended to the file
$BENCH_FIGURES names (nothing when it is unset, as when a part runs alone)."""
import json
import os


def record(name, value):
    path = os.environ.get("BENCH_FIGURES")
    if path:
        with open(path, "a") as out:
            out.write(json.dumps({"name": name, "value": round(float(value), 4)}) + "\n")
