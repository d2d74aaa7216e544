#!/usr/bin/env python3
"""Gateway overhead: the same GET through the gateway and directly on objectives-service, in one run.

Needs the local stack, started with the per-caller rate limit out of the way (its cost is still paid):
  GATEWAY_RATE_LIMIT_CAPACITY=100000000 GATEWAY_RATE_LIMIT_PER_SECOND=100000000 ./stack up
and wrk (Debian package `wrk`; installed with apt-get if missing).
Creates a cycle and an objective with three key results, then alternates wrk runs against the gateway
(:8080) and the service (:8081): one connection for latency (the overhead a single request pays), and
BENCH_CONNECTIONS connections for throughput. Prints req/s, p50/p99 for each, and the ratios.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from figures import record  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GATEWAY = "http://127.0.0.1:8080"
DIRECT = "http://127.0.0.1:8081"
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))


def token(role):
    org = os.environ.get("BENCH_ORG", "6d5c1a8e-2b44-4c61-9a7e-0c2f6b1d9e11")
    return subprocess.check_output([os.path.join(ROOT, "stack"), "token", "--org", org, "--role", role], text=True).strip()


def call(method, url, body, bearer):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method=method,
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + bearer})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def wrk(url, bearer, connections):
    out = subprocess.check_output(["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", "%ds" % SECONDS,
                                   "--latency", "-H", "Authorization: Bearer " + bearer, url], text=True)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def percentile(p):
        value, unit = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit("wrk saw %s non-2xx answers from %s:\n%s" % (errors.group(1), url, out))
    return rate, percentile(50), percentile(99)


def main():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    admin = token("admin")
    viewer = token("viewer")
    start = date.today() - timedelta(days=10)
    cycle = call("POST", GATEWAY + "/api/v1/cycles", {"name": "bench-gateway-%d" % time.time(), "startDate": str(start),
                                                      "endDate": str(start + timedelta(days=80))}, admin)["id"]
    objective = call("POST", GATEWAY + "/api/v1/objectives", {"cycleId": cycle, "title": "Benchmark objective",
        "owner": {"type": "COMPANY"}, "keyResults": [
            {"title": "Numeric", "type": "NUMERIC", "start": 0, "target": 100, "currentValue": 40},
            {"title": "Done or not", "type": "BOOLEAN"},
            {"title": "Milestones", "type": "MILESTONES", "milestones": [{"title": "a"}, {"title": "b"}, {"title": "c"}]}]}, admin)["id"]
    path = "/api/v1/objectives/" + objective
    # warm both paths up
    for base in (DIRECT, GATEWAY):
        subprocess.check_output(["wrk", "-t", "1", "-c", "4", "-d", "5s", "-H", "Authorization: Bearer " + viewer, base + path])

    results = {}
    for _ in range(ROUNDS):
        for name, base in (("direct", DIRECT), ("gateway", GATEWAY)):
            for connections in (1, CONNECTIONS):
                results.setdefault((name, connections), []).append(wrk(base + path, viewer, connections))

    def median(values):
        values = sorted(values)
        return values[len(values) // 2]

    print("GET %s (an objective with 3 key results), %d s per run, %d rounds, alternating" % (path, SECONDS, ROUNDS))
    print("| path | connections | req/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|")
    summary = {}
    for (name, connections), runs in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        rate, p50, p99 = median([r[0] for r in runs]), median([r[1] for r in runs]), median([r[2] for r in runs])
        summary[(name, connections)] = (rate, p50, p99)
        print("| %s | %d | %.0f | %.2f | %.2f |" % (name, connections, rate, p50, p99))
    for connections in (1, CONNECTIONS):
        d, g = summary[("direct", connections)], summary[("gateway", connections)]
        print("%d connection(s): throughput ratio gateway/direct %.2f; p50 overhead %.2f ms; p99 overhead %.2f ms"
              % (connections, g[0] / d[0], g[1] - d[1], g[2] - d[2]))
        record("gateway.c%d.throughput_to_direct" % connections, g[0] / d[0])
        record("gateway.c%d.p50_overhead_ms" % connections, g[1] - d[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
