#!/usr/bin/env python3
"""Propagation latency: a measurement accepted → the linked key result's progress visible through the gateway,
and → the roll-up of the company objective four levels up, over BENCH_SAMPLES (200) samples on an idle stack.

Needs the local stack (./stack up, with the per-caller rate limit raised, as bench/run starts it). Builds a chain
company ← department ← team ← person objective (only the person's has a key result, KPI_LINKED to a KPI), then
for each sample pushes one measurement through the gateway with an integration's API key and polls the person's
objective and the company's through the gateway until they show it. Prints p50/p99/max of both.
"""
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from figures import record  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
API = "http://127.0.0.1:8080/api/v1"
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "200"))
TARGET = 1000


def token(org, role):
    return subprocess.check_output([os.path.join(ROOT, "stack"), "token", "--org", org, "--role", role], text=True).strip()


def call(method, path, body=None, bearer=None, headers=None):
    h = {"Content-Type": "application/json", **(headers or {})}
    if bearer:
        h["Authorization"] = "Bearer " + bearer
    request = urllib.request.Request(API + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=h)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def main():
    org = str(uuid.uuid4())
    admin = token(org, "admin")
    start = date.today() - timedelta(days=10)
    end = start + timedelta(days=80)
    kpi = call("POST", "/kpis", {"key": "prop-leads", "name": "Leads", "unit": "leads",
                                 "target": {"operator": "AT_LEAST", "value": TARGET}, "timeframe": {"start": str(start), "end": str(end)},
                                 "dataSource": {"type": "INTEGRATION", "system": "CRM"}, "frequency": "WEEKLY", "aggregation": "SUM"}, admin)
    key = call("POST", "/integrations", {"name": "bench"}, admin)["apiKey"]
    cycle = call("POST", "/cycles", {"name": "bench", "startDate": str(start), "endDate": str(end)}, admin)["id"]
    chain = []
    for level in ("company", "department", "team", "person"):
        key_results = [{"title": "Leads", "type": "KPI_LINKED", "kpiId": kpi["id"], "start": 0, "target": TARGET}] if level == "person" else []
        body = {"cycleId": cycle, "title": level, "owner": {"type": "COMPANY"}, "keyResults": key_results}
        for attempt in range(100):
            try:
                chain.append(call("POST", "/objectives", body, admin)["id"])
                break
            except urllib.error.HTTPError:
                time.sleep(0.1)  # objectives-service learns of the new KPI from its event, a moment later
        else:
            raise SystemExit("objectives-service never learned of the KPI")
    for child, parent in zip(chain[1:], chain[:-1]):
        for _ in range(100):
            try:
                call("PUT", "/alignment/objectives/%s/parents" % child, {"parents": [{"parentId": parent, "weight": 1}]}, admin,
                     headers={"If-Match": "*"})
                break
            except urllib.error.HTTPError:
                time.sleep(0.1)  # alignment-service learns of new objectives from their events, a moment later
        else:
            raise SystemExit("alignment-service never aligned %s under %s" % (child, parent))
    person, company = chain[-1], chain[0]

    to_key_result, to_company = [], []
    for i in range(1, SAMPLES + 1):
        call("POST", "/measurements:batch", {"items": [{"kpi": "prop-leads", "value": 1, "externalId": "p-%d" % i}]},
             headers={"X-Api-Key": key})
        accepted = time.perf_counter()
        seen_kr = None
        while True:
            now = time.perf_counter()
            if seen_kr is None and call("GET", "/objectives/" + person, bearer=admin)["keyResults"][0]["currentValue"] == i:
                seen_kr = time.perf_counter()
            if seen_kr is not None:
                rollup = call("GET", "/objectives/" + company, bearer=admin).get("rollupProgress")
                if rollup is not None and abs(rollup - i / TARGET) < 1e-9:
                    to_company.append((time.perf_counter() - accepted) * 1000)
                    to_key_result.append((seen_kr - accepted) * 1000)
                    break
            if now - accepted > 30:
                raise SystemExit("sample %d did not propagate within 30 s" % i)
        time.sleep(0.05)  # an idle stack between samples

    print("%d samples, one measurement each, pushed through the gateway with an API key; visibility polled through the gateway" % SAMPLES)
    print("| from a measurement accepted to | p50 ms | p99 ms | max ms |")
    print("|---|---|---|---|")
    for label, values in (("the linked key result's progress", to_key_result), ("the company objective's roll-up, 4 levels up", to_company)):
        print("| %s | %.0f | %.0f | %.0f |" % (label, percentile(values, 50), percentile(values, 99), max(values)))
    record("propagation.key_result.p99_ms", percentile(to_key_result, 99))
    record("propagation.company_rollup.p99_ms", percentile(to_company, 99))
    return 0


if __name__ == "__main__":
    sys.exit(main())
