#!/usr/bin/env python3
"""What a check-in costs: throughput at 16 connections through the gateway, and CPU per check-in per process.

Needs the local stack (./stack up) and wrk. In an organisation of its own, creates a company objective and 32
objectives aligned under it, each with one numeric key result, then has wrk post check-ins on random key results
(BENCH_CONNECTIONS connections, BENCH_SECONDS seconds). The CPU each process used (from /proc: the four apps,
Kafka, PostgreSQL's processes) is read before the run and again once the platform has gone quiet after it (the
events a check-in sets off — key result, roll-up, alignment — have all been applied), and divided by the number of
check-ins. Last, the company objective's roll-up is checked against its children's progress: exact, or the run fails.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from figures import record  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GATEWAY = "http://127.0.0.1:8080"
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
CHILDREN = 32
TICK = os.sysconf("SC_CLK_TCK")


def token(org, role):
    return subprocess.check_output([os.path.join(ROOT, "stack"), "token", "--org", org, "--role", role], text=True).strip()


def call(method, url, body, bearer, headers=None):
    request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), method=method,
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + bearer,
                                              **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def processes():
    """name → pids: the stack's apps and Kafka from .stack/pids, PostgreSQL's processes by their command name."""
    found = {}
    for name in ("gateway", "objectives", "kpi", "alignment", "kafka"):
        path = os.path.join(ROOT, ".stack", "pids", name + ".pid")
        if os.path.exists(path):
            found[name] = [int(open(path).read().strip())]
    found["postgresql"] = [int(p) for p in os.listdir("/proc") if p.isdigit() and comm(int(p)).startswith("postgres")]
    return found


def comm(pid):
    try:
        return open("/proc/%d/comm" % pid).read().strip()
    except OSError:
        return ""


def cpu_seconds(pids):
    total = 0.0
    for pid in pids:
        try:
            fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    return total


def snapshot():
    return {name: cpu_seconds(pids) for name, pids in processes().items()}


def quiet(limit=60):
    """Waits until the platform uses less than 5 % of a core over a second, twice in a row."""
    calm, started = 0, time.time()
    before = sum(snapshot().values())
    while calm < 2 and time.time() - started < limit:
        time.sleep(1)
        now = sum(snapshot().values())
        calm = calm + 1 if now - before < 0.05 else 0
        before = now


def main():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    org = str(uuid.uuid4())
    admin = token(org, "admin")
    member = token(org, "member")
    start = date.today() - timedelta(days=10)
    cycle = call("POST", GATEWAY + "/api/v1/cycles", {"name": "bench-checkins", "startDate": str(start),
                                                      "endDate": str(start + timedelta(days=80))}, admin)["id"]
    company = call("POST", GATEWAY + "/api/v1/objectives", {"cycleId": cycle, "title": "Company objective",
                                                           "owner": {"type": "COMPANY"}}, admin)["id"]
    children, key_results = [], []
    for i in range(CHILDREN):
        objective = call("POST", GATEWAY + "/api/v1/objectives", {"cycleId": cycle, "title": "Team objective %d" % i,
            "owner": {"type": "COMPANY"}, "keyResults": [{"title": "Numeric", "type": "NUMERIC", "start": 0, "target": 100}]},
            admin)
        children.append(objective["id"])
        key_results.append(objective["keyResults"][0]["id"])
    for child in children:
        for attempt in range(600):  # alignment-service learns of the objective from its event (after a backlog)
            try:
                call("PUT", GATEWAY + "/api/v1/alignment/objectives/%s/parents" % child,
                     {"parents": [{"parentId": company, "weight": 1}]}, admin, {"If-Match": "*"})
                break
            except urllib.error.HTTPError as e:
                if e.code != 404 or attempt == 599:
                    raise
                time.sleep(0.1)

    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write("local paths = {%s}\n" % ", ".join('"/api/v1/key-results/%s/check-ins"' % k for k in key_results))
    script.write('request = function()\n'
                 '  local body = string.format(\'{"value": %d, "confidence": 7}\', math.random(0, 100))\n'
                 '  return wrk.format("POST", paths[math.random(#paths)], '
                 '{["Content-Type"] = "application/json", ["Authorization"] = "Bearer ' + member + '"}, body)\n'
                 'end\n')
    script.close()

    def run(seconds):
        out = subprocess.check_output(["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", "%ds" % seconds, "--latency",
                                       "-s", script.name, GATEWAY], text=True)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if errors:
            raise SystemExit("wrk saw %s non-2xx answers:\n%s" % (errors.group(1), out))
        count = int(re.search(r"(\d+) requests in", out).group(1))
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

        def percentile(p):
            value, unit = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, out).groups()
            return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
        return count, rate, percentile(50), percentile(99)

    run(int(os.environ.get("BENCH_WARMUP", "15")))  # warm-up: the JIT compiles the hot paths of all four apps
    quiet()
    before = snapshot()
    count, rate, p50, p99 = run(SECONDS)
    quiet()
    after = snapshot()
    os.unlink(script.name)

    # the roll-up is exact: the company objective (no key results of its own) shows the mean of its children,
    # to the 4 decimals shown
    progress = [call("GET", GATEWAY + "/api/v1/objectives/" + c, None, admin)["progress"] for c in children]
    expected = sum(progress) / len(progress)
    shown = call("GET", GATEWAY + "/api/v1/objectives/" + company, None, admin)["progress"]
    if abs(shown - expected) > 0.5e-4 + 1e-9:  # progress is shown to 4 decimals
        raise SystemExit("the company roll-up is %s, its children's mean %s" % (shown, expected))

    used = {name: (after[name] - before.get(name, 0.0)) * 1000 / count for name in after}
    total = sum(used.values())
    print("POST /api/v1/key-results/{id}/check-ins through the gateway on %d key results of %d objectives aligned under "
          "one, %d connections, %d s: %d check-ins, %.0f/s, p50 %.1f ms, p99 %.1f ms; the company roll-up exact "
          "afterwards (%.6f)." % (CHILDREN, CHILDREN, CONNECTIONS, SECONDS, count, rate, p50, p99, shown))
    print()
    print("| process | CPU ms per check-in |")
    print("|---|---|")
    for name in sorted(used, key=lambda n: -used[n]):
        print("| %s | %.2f |" % (name, used[name]))
    print("| **all** | **%.2f** |" % total)
    record("checkins.c%d.per_second" % CONNECTIONS, rate)
    record("checkins.cpu_ms", total)
    for name, value in used.items():
        record("checkins.cpu_ms.%s" % name, value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
