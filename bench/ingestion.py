#!/usr/bin/env python3
"""Ingestion rate against PostgreSQL's own COPY of the same rows, measured in one run.

Needs the local stack (./stack up). Sends 10,000-item batches to kpi-service directly and through the
gateway with an integration API key, then COPYs the same number of rows of the same shape into the same
table, and prints measurements/s for each and the ratios. Then the cost of history: a KPI gets BENCH_HISTORY
measurements (5 million unless told) written by SQL, and batches go alternately to it and to a KPI with none,
so that both rates are taken over the same minutes; the history is deleted afterwards. Only the standard
library and psql are used.
"""
import json
import os
import random
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from figures import record  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCH = 10_000
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "6"))
HISTORY = int(os.environ.get("BENCH_HISTORY", "5000000"))
HISTORY_ROUNDS = int(os.environ.get("BENCH_HISTORY_ROUNDS", "20"))
GATEWAY = "http://127.0.0.1:8080"
DIRECT = "http://127.0.0.1:8082"
PG = ["psql", "-h", os.environ.get("PGHOST", "127.0.0.1"), "-U", "postgres", "-d", "kpi", "-q", "-v", "ON_ERROR_STOP=1"]


def call(method, url, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"null")


def psql(sql):
    subprocess.run(PG + ["-c", sql], check=True)


def items(kpi, count):
    now = datetime.now(timezone.utc)
    return [{"kpi": kpi, "value": round(random.uniform(0, 100), 2),
             "observedAt": (now - timedelta(minutes=random.randint(1, 60 * 24 * 20))).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "dimensions": {"region": random.choice(["domestic", "export"])},
             "externalId": str(uuid.uuid4())} for _ in range(count)]


def timed_batch(base, key, kpi):
    payload = json.dumps({"items": items(kpi, BATCH)}).encode()
    request = urllib.request.Request(base + "/api/v1/measurements:batch", data=payload, method="POST",
                                     headers={"Content-Type": "application/json", "X-Api-Key": key})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        result = json.loads(response.read())
    took = time.perf_counter() - started
    assert result["accepted"] == BATCH, result
    return BATCH / took


def timed_batches(base, key, kpi, rounds):
    return [timed_batch(base, key, kpi) for _ in range(rounds)]


def timed_copy(kpi_id, rounds):
    rates = []
    for _ in range(rounds):
        now = datetime.now(timezone.utc)
        lines = []
        for it in items("x", BATCH):
            lines.append("%s,%s,%s,\"%s\",%s,integration:bench,%s,%s,false" % (
                kpi_id, it["observedAt"], it["value"], json.dumps(it["dimensions"]).replace('"', '""'),
                it["dimensions"]["region"], it["externalId"], now.isoformat()))
        csv = "\n".join(lines) + "\n"
        started = time.perf_counter()
        subprocess.run(PG + ["-c", "\\copy measurement (kpi_id, observed_at, value, dimensions, dimension_value, source, "
                             "external_id, received_at, late) from stdin with (format csv)"],
                       input=csv.encode(), check=True)
        rates.append(BATCH / (time.perf_counter() - started))
    return rates


def preload(kpi_id, count):
    """Writes `count` measurements under one KPI the way years of pushes would leave them: spread over the last
    20 days, two regions, each with an external id; then the KPI's days as the ingestion would have kept them."""
    psql("insert into measurement (kpi_id, observed_at, value, dimensions, dimension_value, source, external_id, "
         "received_at, late) select '%s', now() - interval '1 minute' - (i %% 28800) * interval '1 minute', "
         "(i %% 10000) / 100.0, jsonb_build_object('region', r), r, 'integration:bench', 'history-' || i, now(), false "
         "from generate_series(1, %d) i, lateral (select case when i %% 2 = 0 then 'domestic' else 'export' end) as x(r)"
         % (kpi_id, count))
    psql("insert into measurement_day (kpi_id, dimension_value, day, count, total, low, high, last_value, last_at, last_id) "
         "select kpi_id, dimension_value, date_trunc('day', observed_at, 'UTC'), count(*), sum(value), min(value), "
         "max(value), (array_agg(value order by observed_at desc, id desc))[1], max(observed_at), "
         "(array_agg(id order by observed_at desc, id desc))[1] from measurement where kpi_id = '%s' group by 1, 2, 3"
         % kpi_id)
    # what a bulk load leaves behind (autovacuum's pass over new rows, dirty pages for the next checkpoint) is not
    # what a KPI with history costs: both are done before the timing starts
    psql("vacuum (analyze) measurement, measurement_day")
    psql("checkpoint")


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def main():
    token = subprocess.run([os.path.join(ROOT, "stack"), "token", "--role", "admin"], capture_output=True, text=True,
                           check=True).stdout.strip()
    auth = {"Authorization": "Bearer " + token}
    today = datetime.now(timezone.utc).date()
    created = []
    for name in ("direct", "gateway", "copy", "none", "history"):
        key = "bench-%s-%d" % (name, int(time.time() * 1000))
        kpi = call("POST", GATEWAY + "/api/v1/kpis", {
            "key": key, "name": "Bench " + name, "unit": "number", "target": {"operator": "AT_LEAST", "value": 1e9},
            "timeframe": {"start": str(today - timedelta(days=30)), "end": str(today + timedelta(days=30))},
            "dataSource": {"type": "INTEGRATION", "system": "bench"}, "frequency": "DAILY", "aggregation": "SUM",
            "groupBy": "region" if name in ("none", "history") else None}, auth)
        created.append(kpi)
    api_key = call("POST", GATEWAY + "/api/v1/integrations", {"name": "bench"}, auth)["apiKey"]

    timed_batches(DIRECT, api_key, created[0]["key"], 2)  # warm-up
    direct = timed_batches(DIRECT, api_key, created[0]["key"], ROUNDS)
    gateway = timed_batches(GATEWAY, api_key, created[1]["key"], ROUNDS)
    copy = timed_copy(created[2]["id"], ROUNDS)

    started = time.perf_counter()
    preload(created[4]["id"], HISTORY)
    loaded = time.perf_counter() - started
    none, history = [], []
    try:
        for _ in range(HISTORY_ROUNDS):
            none.append(timed_batch(DIRECT, api_key, created[3]["key"]))
            history.append(timed_batch(DIRECT, api_key, created[4]["key"]))
    finally:
        # the history has no corrections: the check of measurement.correction_of (not indexed) is skipped
        psql("set session_replication_role = replica; delete from measurement_day where kpi_id = '%s'; "
             "delete from kpi_dimension_status where kpi_id = '%s'; delete from measurement where kpi_id = '%s'"
             % (created[4]["id"], created[4]["id"], created[4]["id"]))
        # and the dead rows are vacuumed now, not by autovacuum while the next parts of bench/run are measured
        psql("vacuum measurement, measurement_day")
    shown = call("GET", DIRECT + "/api/v1/kpis/" + created[3]["key"], None, auth)

    d, g, c = median(direct), median(gateway), median(copy)
    print("| path | measurements/s (median of %d batches of %d) | ratio to COPY |" % (ROUNDS, BATCH))
    print("|---|---|---|")
    print("| PostgreSQL COPY into the same table | %.0f | 1.00 |" % c)
    print("| POST /api/v1/measurements:batch on kpi-service | %.0f | %.2f |" % (d, d / c))
    print("| the same through the gateway | %.0f | %.2f |" % (g, g / c))
    print()
    print("gateway / direct: %.2f" % (g / d))
    n, h = median(none), median(history)
    print()
    print("History (grouped KPIs, by region; %d batches to each, alternating; the %d measurements written by SQL, vacuumed and checkpointed in %.0f s):"
          % (HISTORY_ROUNDS, HISTORY, loaded))
    print()
    print("| KPI | measurements already under it | measurements/s (median) | ratio to none |")
    print("|---|---|---|---|")
    print("| fresh | 0 to %d | %.0f | 1.00 |" % (HISTORY_ROUNDS * BATCH, n))
    print("| with history | %d to %d | %.0f | %.2f |" % (HISTORY, HISTORY + HISTORY_ROUNDS * BATCH, h, h / n))
    print()
    print("The fresh KPI's value afterwards: %s over %d regions." % (shown["currentValue"], len(shown["statusByDimension"] or [])))
    record("ingestion.history_to_none", h / n)
    record("ingestion.history_to_copy", h / c)
    record("ingestion.direct_to_copy", d / c)
    record("ingestion.gateway_to_copy", g / c)
    record("ingestion.gateway_to_direct", g / d)


if __name__ == "__main__":
    sys.exit(main())
