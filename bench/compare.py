"""Reads the figures of this bench run (bench/figures.py's JSON lines), keeps them as bench/results/<date>.json, and
prints the comparison with the previous run's figures and with the targets, and the readings that follow from this
run's numbers (a sentence that could be false is computed, never written in advance).

    python3 bench/compare.py <figures.jsonl> <date>
"""
import glob
import json
import os
import sys

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")

# name: (what it is, "min" or "max", the target), from the performance issue's targets
TARGETS = {
    "ingestion.direct_to_copy": ("ingestion, direct, as a share of COPY", "min", 0.5),
    "ingestion.history_to_copy": ("ingestion into a KPI with 5 million measurements, share of COPY", "min", 0.5),
    "ingestion.history_to_none": ("ingestion with 5 million measurements, share of the rate with none", "min", 0.9),
    "gateway.c1.throughput_to_direct": ("gateway throughput at 1 connection, share of direct", "min", 0.85),
    "gateway.c1.p50_overhead_ms": ("gateway p50 overhead at 1 connection, ms", "max", 0.5),
    "propagation.key_result.p99_ms": ("measurement → linked key result, p99 ms", "max", 50),
    "propagation.company_rollup.p99_ms": ("measurement → company roll-up 4 levels up, p99 ms", "max", 150),
    "alignment.tree_10000.p99_ms": ("tree of 10,000 objectives, p99 ms", "max", 50),
    "alignment.tree_depth2.p99_ms": ("tree of depth 2 under the root, p99 ms", "max", 10),
    "footprint.ready_all_s": ("the four ready, launched at once, s", "max", 8),
    "checkins.c16.per_second": ("check-ins per second at 16 connections through the gateway", "min", 300),
    "checkins.cpu_ms": ("CPU per check-in, all processes, ms", "max", 6),
}
for app in ("objectives", "kpi", "alignment"):
    TARGETS["footprint.%s.ready_alone_s" % app] = ("%s ready alone, s" % app, "max", 2)
for app in ("objectives", "kpi", "alignment", "gateway"):
    TARGETS["footprint.%s.rss_idle_mb" % app] = ("%s RSS idle, MB" % app, "max", 160)
LABELS = {
    "ingestion.gateway_to_copy": "ingestion through the gateway, share of COPY",
    "ingestion.gateway_to_direct": "ingestion through the gateway, share of direct",
    "gateway.c16.throughput_to_direct": "gateway throughput at 16 connections, share of direct",
    "gateway.c16.p50_overhead_ms": "gateway p50 overhead at 16 connections, ms",
    "alignment.path.p99_ms": "path of a leaf to the company, p99 ms",
    "footprint.gateway.ready_alone_s": "gateway ready alone, s",
}
for app in ("objectives", "kpi", "alignment", "gateway"):
    LABELS["footprint.%s.aot_ready_ratio" % app] = "%s ready alone from its AOT cache, share of without" % app


def load(path):
    figures = {}
    with open(path) as lines:
        for line in lines:
            if line.strip():
                entry = json.loads(line)
                figures[entry["name"]] = entry["value"]
    return figures


def previous(today):
    earlier = sorted(p for p in glob.glob(os.path.join(RESULTS, "*.json")) if os.path.basename(p)[:10] < today)
    if not earlier:
        return None, {}
    with open(earlier[-1]) as f:
        return os.path.basename(earlier[-1])[:10], json.load(f)


def fmt(value):
    if value is None:
        return "—"
    return "%.2f" % value if abs(value) < 10 else "%.1f" % value if abs(value) < 100 else "%.0f" % value


def main():
    figures, today = load(sys.argv[1]), sys.argv[2]
    with open(os.path.join(RESULTS, today + ".json"), "w") as out:
        json.dump(figures, out, indent=1, sort_keys=True)
    then, before = previous(today)
    print("| figure | target | %s | this run | met |" % (then or "previous"))
    print("|---|---|---|---|---|")
    names = list(TARGETS) + [n for n in sorted(figures) if n not in TARGETS]
    for name in names:
        label, kind, target = TARGETS.get(name, (LABELS.get(name, name), None, None))
        now = figures.get(name)
        goal = "" if target is None else ("≥ %s" % target if kind == "min" else "< %s" % target)
        met = "" if target is None or now is None else ("yes" if (now >= target if kind == "min" else now < target) else "**no**")
        print("| %s | %s | %s | %s | %s |" % (label, goal, fmt(before.get(name)), fmt(now), met))
    readings = []
    ratio = figures.get("ingestion.gateway_to_direct")
    if ratio is not None:
        if abs(1 - ratio) <= 0.05:
            reading = "within the noise of one run"
        elif ratio > 1:
            reading = "faster than direct, which no proxy makes it: the difference is this run's noise, not the gateway"
        else:
            reading = "the gateway cost %.0f %% of the rate in this run" % ((1 - ratio) * 100)
        readings.append("Through the gateway, ingestion ran at %.2f of direct: %s." % (ratio, reading))
    c1 = figures.get("gateway.c1.throughput_to_direct")
    c16 = figures.get("gateway.c16.throughput_to_direct")
    if c1 is not None and c16 is not None:
        readings.append("A GET through the gateway ran at %.2f of direct at one connection and %.2f at 16%s." % (c1, c16,
                        ", where the saturated cores make the ratio the gateway's CPU share" if c16 > c1 else ""))
    missed = [TARGETS[n][0] for n in TARGETS if n in figures
              and not (figures[n] >= TARGETS[n][2] if TARGETS[n][1] == "min" else figures[n] < TARGETS[n][2])]
    readings.append("Targets met: %d of %d measured%s." % (sum(1 for n in TARGETS if n in figures) - len(missed),
                    sum(1 for n in TARGETS if n in figures), "; not met: " + "; ".join(missed) if missed else ""))
    print()
    for r in readings:
        print("- " + r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
