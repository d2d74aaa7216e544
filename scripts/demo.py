#!/usr/bin/env python3
"""Loads a realistic example organisation into the running local stack (./stack demo).

Acme SaaS: the company objective "Become the market leader in SaaS" with marketing, product and sales
objectives, team and person objectives under them, six KPIs (leads from the CRM, lead response time,
cost per lead as a formula, new customers, capacity utilisation, ROI per project as a grouped formula)
with a few weeks of measurements, alignment links, attached KPIs and check-ins — so every status, trend
and roll-up has something true to show. Everything goes through the gateway's public API.
"""
import json
import os
import random
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import date, datetime, time, timedelta, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
API = os.environ.get("OKR_API", "http://127.0.0.1:8080/api/v1")
MANAGEMENT = os.environ.get("OKR_MANAGEMENT", "http://127.0.0.1:9080")


def token(role, sub):
    return subprocess.run([os.path.join(ROOT, "stack"), "token", "--role", role, "--sub", sub],
                          capture_output=True, text=True, check=True).stdout.strip()


ADMIN = token("admin", "alex")
MARIA = token("member", "maria")


def call(method, path, body=None, auth=ADMIN, headers=None, expect=(200, 201, 204)):
    data = None if body is None else json.dumps(body).encode()
    h = {"Content-Type": "application/json", **(headers or {})}
    if auth:
        h["Authorization"] = "Bearer " + auth
    request = urllib.request.Request(API + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
            return json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        if e.code in expect:
            return None
        raise SystemExit("%s %s answered %d: %s" % (method, path, e.code, e.read().decode()))


# --- the demo itself


def eventually(action, seconds=30):
    """Retries an action that depends on events still on their way between services."""
    deadline = datetime.now().timestamp() + seconds
    while True:
        try:
            return action()
        except SystemExit:
            if datetime.now().timestamp() > deadline:
                raise
            import time as clock
            clock.sleep(0.5)


def quarter(today):
    first_month = (today.month - 1) // 3 * 3 + 1
    start = date(today.year, first_month, 1)
    end = date(today.year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1) - timedelta(days=1)
    return "%d-Q%d" % (today.year, (first_month - 1) // 3 + 1), start, end


def at(day, hour=9):
    # today's values are observed at that hour, or a minute ago when the day has not got there yet
    moment = min(datetime.combine(day, time(hour), tzinfo=timezone.utc), datetime.now(timezone.utc) - timedelta(minutes=1))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    try:
        # the gateway's health lives on its management port (main port + 1000), which it never routes
        urllib.request.urlopen(MANAGEMENT + "/q/health/ready", timeout=5)
    except Exception:
        raise SystemExit("The stack does not answer on %s: run ./stack up first." % API)

    today = datetime.now(timezone.utc).date()
    name, start, end = quarter(today)
    random.seed(42)

    # the organisation
    # the first request through a freshly started gateway has been seen to fail once (gateway issue): wait for an answer
    roots = eventually(lambda: call("GET", "/org-units/tree", expect=()))
    existing = [r for r in roots if r["type"] == "COMPANY"]
    company = existing[0]["id"] if existing else call("POST", "/org-units", {"name": "Acme SaaS", "type": "COMPANY", "leadId": "alex"})["id"]
    def unit(name, type_, parent, lead=None):
        tree = call("GET", "/org-units/tree")
        found = []

        def walk(node):
            if node["name"] == name and node["type"] == type_:
                found.append(node["id"])
            for child in node["children"]:
                walk(child)
        for root in tree:
            walk(root)
        if found:
            return found[0]
        body = {"name": name, "type": type_, "parentId": parent}
        if lead:
            body["leadId"] = lead
        return call("POST", "/org-units", body)["id"]

    marketing = unit("Marketing", "DEPARTMENT", company, "maria")
    product = unit("Product", "DEPARTMENT", company, "tom")
    sales = unit("Sales", "DEPARTMENT", company, "sam")
    social = unit("Social team", "TEAM", marketing, "lena")
    web = unit("Web team", "TEAM", product)
    # a new unit's members: If-Match * (nobody else can have changed them yet; a form would send the ETag it read)
    call("PUT", "/org-units/%s/members" % social, {"members": ["lena", "maria"]}, headers={"If-Match": "*"})
    call("PUT", "/org-units/%s/members" % web, {"members": ["tom", "ravi"]}, headers={"If-Match": "*"})

    # the KPIs, with their four components
    frame = {"start": str(start), "end": str(end)}
    crm = {"type": "INTEGRATION", "system": "Salesforce"}

    def kpi(key, name, unit, target, source, frequency, aggregation, group_by=None, tags=()):
        body = {"key": key, "name": name, "unit": unit, "target": target, "timeframe": frame, "dataSource": source,
                "frequency": frequency, "aggregation": aggregation, "tags": list(tags), "owner": {"type": "PERSON", "id": "maria"}}
        if group_by:
            body["groupBy"] = group_by
        return call("GET", "/kpis/" + key, expect=(404,)) or call("POST", "/kpis", body)

    leads = kpi("domestic-leads", "New domestic leads", "leads", {"operator": "AT_LEAST", "value": 20}, crm, "WEEKLY", "SUM",
                tags=["sales", "marketing"])
    kpi("lead-response-days", "Average lead response time", "days",
        {"operator": "AT_MOST", "value": 3, "baseline": 5}, crm, "DAILY", "AVG", tags=["sales"])
    kpi("marketing-spend", "Marketing spend", "USD", {"operator": "AT_MOST", "value": 15000}, crm, "WEEKLY", "SUM", tags=["marketing"])
    kpi("all-leads", "All new leads", "leads", {"operator": "AT_LEAST", "value": 30000}, crm, "WEEKLY", "SUM", tags=["marketing"])
    kpi("cost-per-lead", "Cost per lead", "USD", {"operator": "AT_MOST", "value": 0.5},
        {"type": "FORMULA", "formula": "marketing_spend / all_leads"}, "WEEKLY", "LAST", tags=["marketing"])
    customers = kpi("new-customers", "New customers", "customers", {"operator": "AT_LEAST", "value": 100}, crm, "WEEKLY", "SUM",
                    tags=["sales"])
    capacity = kpi("capacity-utilisation", "Capacity utilisation", "percent", {"operator": "AT_LEAST", "value": 85},
                   {"type": "MANUAL"}, "WEEKLY", "LAST", tags=["operations"])
    kpi("project-revenue", "Project revenue", "USD", {"operator": "AT_LEAST", "value": 1}, crm, "WEEKLY", "SUM", "project")
    kpi("project-cost", "Project cost", "USD", {"operator": "AT_LEAST", "value": 1}, crm, "WEEKLY", "SUM", "project")
    kpi("project-roi", "ROI per project", "percent", {"operator": "AT_LEAST", "value": 10},
        {"type": "FORMULA", "formula": "(project_revenue - project_cost) / project_cost * 100"}, "WEEKLY", "LAST", "project",
        tags=["finance"])

    # a few weeks of measurements from the CRM integration
    key = call("POST", "/integrations", {"name": "Salesforce CRM"})["apiKey"]
    items = []
    day = start
    while day <= today:
        n = (day - start).days
        items.append({"kpi": "lead-response-days", "value": round(5 - n * 0.02 + random.uniform(-0.3, 0.3), 2),
                      "observedAt": at(day), "externalId": "resp-%s" % day})
        if day.weekday() == 0 or day == today:
            week = "w-%s" % day
            items += [
                {"kpi": "domestic-leads", "value": random.randint(1, 3), "observedAt": at(day), "externalId": "leads-" + week},
                {"kpi": "marketing-spend", "value": random.randint(900, 1300), "observedAt": at(day), "externalId": "spend-" + week},
                {"kpi": "all-leads", "value": random.randint(1800, 2600), "observedAt": at(day), "externalId": "all-" + week},
                {"kpi": "new-customers", "value": random.randint(5, 10), "observedAt": at(day), "externalId": "cust-" + week},
            ]
            for project, revenue, cost in (("apollo", 13000, 11000), ("gemini", 10400, 10000)):
                items += [
                    {"kpi": "project-revenue", "value": revenue + random.randint(-300, 300), "observedAt": at(day),
                     "dimensions": {"project": project}, "externalId": "rev-%s-%s" % (project, week)},
                    {"kpi": "project-cost", "value": cost, "observedAt": at(day), "dimensions": {"project": project},
                     "externalId": "cost-%s-%s" % (project, week)},
                ]
        day += timedelta(days=1)
    result = call("POST", "/measurements:batch", {"items": items}, auth=None, headers={"X-Api-Key": key})
    capacity_values = [82, 86, 88, 84, 87]
    for i, value in enumerate(capacity_values):
        observed = max(start, today - timedelta(days=7 * (len(capacity_values) - 1 - i)))
        call("POST", "/kpis/capacity-utilisation/measurements", {"value": value, "observedAt": at(observed, 10)}, auth=MARIA)

    # the cycle and the objectives
    cycles = [c for c in call("GET", "/cycles?limit=200")["items"] if c["name"] == name and c["status"] == "OPEN"]
    cycle = cycles[0]["id"] if cycles else call("POST", "/cycles", {"name": name, "startDate": str(start), "endDate": str(end)})["id"]

    loaded = call("GET", "/objectives?limit=200&cycleId=" + cycle)["items"]
    if any(o["title"] == "Become the market leader in SaaS" for o in loaded):
        print("The demo organisation is already loaded in cycle %s." % name)
        return 0

    def objective(title, owner, key_results, kind="COMMITTED", auth=ADMIN):
        # a unit created a moment ago reaches objectives-service through its event: eventually() waits for it
        return eventually(lambda: call("POST", "/objectives", {"cycleId": cycle, "title": title, "owner": owner, "kind": kind,
                                                               "keyResults": key_results}, auth=auth))

    top = objective("Become the market leader in SaaS", {"type": "COMPANY"}, [
        {"title": "Website version 2.0", "type": "MILESTONES", "milestones": [
            {"title": "Design system", "weight": 1}, {"title": "New pricing page", "weight": 1},
            {"title": "Performance budget met", "weight": 2}]},
        {"title": "1,000 new customers in Q3", "type": "NUMERIC", "start": 0, "target": 1000, "currentValue": 620}])
    reach = objective("Expand reach to audiences on all digital platforms", {"type": "UNIT", "id": marketing}, [
        {"title": "20 new domestic leads", "type": "KPI_LINKED", "kpiId": leads["id"]},
        {"title": "Grow followers from 12,000 to 20,000", "type": "NUMERIC", "start": 12000, "target": 20000, "currentValue": 14600}])
    website = objective("Build a high-performance website", {"type": "UNIT", "id": product}, [
        {"title": "Page load time down from 3.2 s to 1.5 s", "type": "NUMERIC", "unit": "duration", "start": 3.2, "target": 1.5,
         "currentValue": 2.4},
        {"title": "Core Web Vitals green on every page", "type": "BOOLEAN"}])
    deals = objective("Win the mid-market", {"type": "UNIT", "id": sales}, [
        {"title": "100 new customers", "type": "KPI_LINKED", "kpiId": customers["id"]}], kind="ASPIRATIONAL")
    campaign = objective("Launch the social video campaign", {"type": "UNIT", "id": social}, [
        {"title": "12 videos published", "type": "NUMERIC", "start": 0, "target": 12, "currentValue": 4}])
    speed = objective("Ship the new rendering pipeline", {"type": "UNIT", "id": web}, [
        {"title": "Pipeline live", "type": "MILESTONES", "milestones": [{"title": "Prototype"}, {"title": "Beta"}, {"title": "Live"}]}])
    lena = objective("Publish weekly videos", {"type": "PERSON", "id": "lena"}, [
        {"title": "One video a week", "type": "NUMERIC", "start": 0, "target": 13, "currentValue": 5}])

    # alignment: person → team → department → company (alignment-service learns of objectives from their events)
    for child, parent in ((reach, top), (website, top), (deals, top), (campaign, reach), (speed, website), (lena, campaign)):
        for objective_id in (child["id"], parent["id"]):
            eventually(lambda: call("GET", "/alignment/objectives/%s/parents" % objective_id, expect=()))
        call("PUT", "/alignment/objectives/%s/parents" % child["id"], {"parents": [{"parentId": parent["id"], "weight": 1}]},
             headers={"If-Match": "*"})

    # check-ins, with the confidence and a note, as people would write them
    milestones = top["keyResults"][0]["milestones"]
    call("POST", "/key-results/%s/check-ins" % top["keyResults"][0]["id"],
         {"completedMilestones": [milestones[0]["id"]], "confidence": 7, "note": "Design system shipped"}, auth=MARIA)
    call("POST", "/key-results/%s/check-ins" % website["keyResults"][0]["id"],
         {"value": 2.1, "confidence": 6, "note": "Image CDN in place"}, auth=MARIA)
    call("POST", "/key-results/%s/check-ins" % lena["keyResults"][0]["id"],
         {"value": 6, "confidence": 8, "note": "Two videos this week"}, auth=MARIA)
    call("POST", "/key-results/%s/check-ins" % reach["keyResults"][0]["id"],
         {"confidence": 3, "note": "The CRM sync dropped leads twice"}, auth=MARIA)

    eventually(lambda: call("POST", "/kpi-attachments", {"kpiId": leads["id"], "objectiveId": reach["id"]}, expect=()))
    eventually(lambda: call("POST", "/kpi-attachments", {"kpiId": capacity["id"], "unitId": product}, expect=()))

    print("Loaded the demo organisation (cycle %s, %s to %s): 6 org units, 10 KPIs, %d measurements accepted, "
          "7 objectives aligned person → team → department → company." % (name, start, end, result["accepted"]))
    print("Try:")
    print("  curl -s -H \"Authorization: Bearer $(./stack token)\" %s/objectives/%s" % (API, top["id"]))
    print("  curl -s -H \"Authorization: Bearer $(./stack token)\" %s/alignment/objectives/%s/tree" % (API, top["id"]))
    print("  curl -s -H \"Authorization: Bearer $(./stack token)\" %s/kpis/project-roi" % API)
    print("  curl -s -H \"Authorization: Bearer $(./stack token)\" %s/org-units/%s/summary?cycleId=%s" % (API, marketing, cycle))
    print("  curl -s -H \"Authorization: Bearer $(./stack token)\" \"%s/dashboard?cycleId=%s&unitId=%s\"" % (API, cycle, marketing))
    print("  curl -s -H \"Authorization: Bearer $(./stack token)\" %s/objectives/%s/context" % (API, reach["id"]))
    print("  curl -N -H \"Authorization: Bearer $(./stack token)\" %s/stream     # then, in another terminal, push a value:" % API)
    print("  curl -s -H \"X-Api-Key: %s\" -H 'Content-Type: application/json' -d '{\"value\": 2}' %s/kpis/domestic-leads/measurements"
          % (key, API))
    return 0


if __name__ == "__main__":
    sys.exit(main())
