#!/usr/bin/env python3
"""Alignment reads at scale: 10,000 objectives in five levels, tree of the root and path of a leaf.

Needs the local stack (./stack up). Writes the objectives and links straight into alignment-service's
read model (as its consumers would have), in a cycle of their own, then times the reads through the
gateway: p50/p99 of GET .../tree for the root (all 10,000 nodes) and GET .../path for leaves.
"""
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from figures import record  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GATEWAY = "http://127.0.0.1:8080"
PG = ["psql", "-h", os.environ.get("PGHOST", "127.0.0.1"), "-U", "postgres", "-d", "alignment", "-q", "-v", "ON_ERROR_STOP=1"]
LEVELS = [1, 9, 90, 900, 9000]  # 10,000 objectives


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def timed_get(url, token, rounds):
    times = []
    size = 0
    for _ in range(rounds):
        request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
        times.append((time.perf_counter() - started) * 1000)
        size = len(body)
    return times, size


def main():
    token = subprocess.run([os.path.join(ROOT, "stack"), "token", "--role", "viewer"], capture_output=True, text=True,
                           check=True).stdout.strip()
    org = open(os.path.join(ROOT, ".stack", "keys", "dev-org")).read().strip()
    cycle = str(uuid.uuid4())
    levels, rows, links = [], [], []
    for depth, count in enumerate(LEVELS):
        ids = [str(uuid.uuid4()) for _ in range(count)]
        levels.append(ids)
        owner = "COMPANY" if depth == 0 else ("PERSON" if depth == 4 else "UNIT")
        for i, oid in enumerate(ids):
            rows.append("%s,%s,%s,Objective %d-%d,%s,x,ACTIVE,ON_TRACK,0.5,0.5,1,0,2026-11-27T00:00:00Z"
                        % (oid, org, cycle, depth, i, owner))
            if depth > 0:
                parent = levels[depth - 1][i % len(levels[depth - 1])]
                links.append("%s,%s,%s,1,2026-11-27T00:00:00Z" % (oid, parent, org))
    subprocess.run(PG + ["-c", "\\copy objective_node (id, organisation_id, cycle_id, title, owner_type, owner_id, status, health, "
                         "own_progress, rollup, rollup_version, version, updated_at) from stdin with (format csv)"],
                   input=("\n".join(rows) + "\n").encode(), check=True)
    subprocess.run(PG + ["-c", "\\copy alignment_link (child_id, parent_id, organisation_id, weight, created_at) from stdin with (format csv)"],
                   input=("\n".join(links) + "\n").encode(), check=True)
    # what lies under each objective, as the link writes keep it (alignment_reach: the closure of the links)
    subprocess.run(PG + ["-c", "insert into alignment_reach (ancestor_id, descendant_id, depth) with recursive "
                         "down(a, d, depth) as (select parent_id, child_id, 1 from alignment_link where child_id in "
                         "(select id from objective_node where cycle_id = '%s') "
                         "union select down.a, l.child_id, down.depth + 1 from down join alignment_link l on l.parent_id = down.d) "
                         "select a, d, min(depth) from down group by 1, 2" % cycle], check=True)
    subprocess.run(PG + ["-c", "analyze objective_node; analyze alignment_link; analyze alignment_reach;"], check=True)

    root = levels[0][0]
    timed_get(GATEWAY + "/api/v1/alignment/objectives/%s/tree?depth=5" % root, token, 3)  # warm-up
    tree, tree_bytes = timed_get(GATEWAY + "/api/v1/alignment/objectives/%s/tree?depth=5" % root, token, 30)
    timed_get(GATEWAY + "/api/v1/alignment/objectives/%s/tree?depth=2" % root, token, 20)  # warm-up
    shallow, shallow_bytes = timed_get(GATEWAY + "/api/v1/alignment/objectives/%s/tree?depth=2" % root, token, 200)
    paths = []
    for leaf in levels[4][:200]:
        t, _ = timed_get(GATEWAY + "/api/v1/alignment/objectives/%s/path" % leaf, token, 1)
        paths.extend(t)
    print("| read | p50 ms | p99 ms | samples |")
    print("|---|---|---|---|")
    print("| tree of the root, 10,000 objectives in 5 levels (%d KB of JSON) | %.1f | %.1f | %d |"
          % (tree_bytes // 1024, percentile(tree, 0.5), percentile(tree, 0.99), len(tree)))
    print("| tree of the root, depth 2 (100 objectives, %d KB) | %.1f | %.1f | %d |"
          % (shallow_bytes // 1024, percentile(shallow, 0.5), percentile(shallow, 0.99), len(shallow)))
    print("| path of a leaf up to the company (4 links) | %.1f | %.1f | %d |"
          % (percentile(paths, 0.5), percentile(paths, 0.99), len(paths)))
    record("alignment.tree_10000.p99_ms", percentile(tree, 0.99))
    record("alignment.tree_depth2.p99_ms", percentile(shallow, 0.99))
    record("alignment.path.p99_ms", percentile(paths, 0.99))


if __name__ == "__main__":
    sys.exit(main())
