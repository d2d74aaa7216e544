/**
 * A whole quarter's set-up and first week through the typed client, as a frontend team would write it: org units →
 * cycle → objectives with each kind of key result → alignment → a KPI and an integration's push → check-ins →
 * dashboard, context and tree → the live stream. The end-to-end suite runs it against the packaged platform
 * (TypeScriptClientIT); it exits non-zero on the first thing that is not as expected.
 *
 *   OKR_GATEWAY=http://localhost:8080 OKR_ADMIN_TOKEN=… OKR_MEMBER_TOKEN=… node dist/scenario/scenario.js
 */
import assert from "node:assert/strict";

import { createIntegrationClient, createPlatformClient, etagOf, followStream, type StreamEvent } from "../src/index.js";

const gateway = required("OKR_GATEWAY");
const admin = createPlatformClient({ baseUrl: gateway, token: required("OKR_ADMIN_TOKEN") });
const member = createPlatformClient({ baseUrl: gateway, token: required("OKR_MEMBER_TOKEN") });
const run = process.env["OKR_RUN"] ?? String(Date.now());

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`set ${name}`);
  }
  return value;
}

/** The answer's data, or a failure that shows the problem the platform gave. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) {
    throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

/** Asks until the answer is there (what another service learns from an event arrives a moment later). */
async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, seconds = 30): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const got = await attempt();
    if (got !== undefined) {
      return got;
    }
    if (Date.now() > until) {
      throw new Error(`${what}: not within ${seconds} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let steps = 0;
function step(text: string): void {
  steps++;
  console.log(`[scenario] ${steps}. ${text}`);
}

const today = new Date();
const day = (offset: number): string => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

// the live stream, followed from the start with tickets (as a browser would)
const events: StreamEvent[] = [];
const stop = new AbortController();
const following = followStream(member, gateway, { signal: stop.signal, onEvent: (event) => events.push(event) });

// 1. org units
const company = ok(await admin.POST("/api/v1/org-units", { body: { name: `Acme ${run}`, type: "COMPANY" } }), "company");
const sales = ok(await admin.POST("/api/v1/org-units", { body: { name: "Sales", type: "DEPARTMENT", parentId: company.id } }), "sales");
assert.equal(sales.parentId, company.id);
step(`org units: ${company.name} → ${sales.name}`);

// 2. a cycle around today
const cycle = ok(await admin.POST("/api/v1/cycles", { body: { name: `Q ${run}`, startDate: day(-30), endDate: day(60) } }), "cycle");
assert.equal(cycle.status, "OPEN");
step(`cycle ${cycle.name}: ${cycle.startDate} – ${cycle.endDate} (${cycle.phase})`);

// 3. a KPI fed by a CRM, and the CRM's integration key
const leadsKey = `ts-leads-${run}`;
const leads = ok(await admin.POST("/api/v1/kpis", {
  body: {
    key: leadsKey, name: "New leads", unit: "leads", target: { operator: "AT_LEAST", value: 20 },
    timeframe: { start: day(-30), end: day(60) }, dataSource: { type: "INTEGRATION", system: "HubSpot" },
    frequency: "WEEKLY", aggregation: "SUM",
  },
}), "KPI");
assert.equal(leads.currentValue, null);
assert.equal(leads.status, "NO_DATA");
assert.equal(leads.owner?.type, "PERSON");
// a widget following this KPI alone, by its key
const keyed: StreamEvent[] = [];
const followingKeyed = followStream(member, gateway, { kpiId: [leadsKey], signal: stop.signal, onEvent: (event) => keyed.push(event) });
const integration = ok(await admin.POST("/api/v1/integrations", { body: { name: `HubSpot ${run}` } }), "integration");
step(`KPI ${leads.key} (${leads.status}), integration key ${integration.keyPrefix}…`);

// 4. objectives with each kind of key result
const companyObjective = ok(await admin.POST("/api/v1/objectives", {
  body: {
    cycleId: cycle.id, title: "Become the market leader", owner: { type: "COMPANY" },
    keyResults: [
      { title: "Revenue to 100k", type: "NUMERIC", unit: "USD", start: 0, target: 100_000 },
      { title: "Launch the partner programme", type: "BOOLEAN" },
    ],
  },
}), "company objective");
const [revenue, launch] = companyObjective.keyResults;
assert.ok(revenue !== undefined && launch !== undefined);
assert.equal(revenue.currentValue, 0);
assert.equal(launch.done, false);
const salesObjective = await eventually("sales objective (objectives-service learns of the KPI from its event)", async () => {
  const created = await admin.POST("/api/v1/objectives", {
    body: {
      cycleId: cycle.id, title: "Win the domestic market", owner: { type: "UNIT", id: sales.id },
      keyResults: [
        { title: "Ship the loyalty programme", type: "MILESTONES", milestones: [{ title: "Design", weight: 1 }, { title: "Pilot", weight: 3 }] },
        { title: "20 new leads", type: "KPI_LINKED", kpiId: leads.id },
      ],
    },
  });
  return created.data;
});
const [loyalty, leadsResult] = salesObjective.keyResults;
assert.ok(loyalty !== undefined && leadsResult !== undefined);
assert.equal(leadsResult.target, 20);
assert.equal(leadsResult.start, 0);
step(`objectives: "${companyObjective.title}" (${companyObjective.keyResults.length} key results), "${salesObjective.title}" (${salesObjective.keyResults.length})`);

// 5. alignment: sales under the company objective, and the KPI attached to the sales objective
const parents = await eventually("alignment-service knows the sales objective", async () => {
  const read = await admin.GET("/api/v1/alignment/objectives/{id}/parents", { params: { path: { id: salesObjective.id } } });
  return read.data === undefined ? undefined : read;
});
const aligned = ok(await admin.PUT("/api/v1/alignment/objectives/{id}/parents", {
  params: { path: { id: salesObjective.id }, header: { "If-Match": etagOf(parents.response) } },
  body: { parents: [{ parentId: companyObjective.id, weight: 1 }] },
}), "alignment");
assert.deepEqual(aligned.parents.map((p) => p.parentId), [companyObjective.id]);
await eventually("the KPI attached to the sales objective", async () => (await admin.POST("/api/v1/kpi-attachments", {
  body: { kpiId: leads.id, objectiveId: salesObjective.id },
})).data);
step("aligned sales → company; KPI attached to the sales objective");

// 6. the CRM pushes 12 leads with its API key
const crm = createIntegrationClient({ baseUrl: gateway, apiKey: integration.apiKey });
const pushed = ok(await crm.POST("/api/v1/measurements:batch", {
  body: { items: [{ kpi: leadsKey, value: 12, externalId: `crm-${run}` }] },
}), "push");
assert.equal(pushed.accepted, 1);
assert.equal(pushed.results[0]?.status, "ACCEPTED");
const measured = await eventually("the KPI at 12", async () => {
  const kpi = ok(await member.GET("/api/v1/kpis/{idOrKey}", { params: { path: { idOrKey: leadsKey } } }), "KPI");
  return kpi.currentValue === 12 ? kpi : undefined;
});
assert.equal(measured.status, "ON_TRACK");
const followed = await eventually("the key result follows the KPI", async () => {
  const read = ok(await member.GET("/api/v1/key-results/{id}", { params: { path: { id: leadsResult.id } } }), "key result");
  return read.currentValue === 12 ? read : undefined;
});
assert.equal(followed.progress, 0.6);
step(`pushed 12 leads: KPI ${measured.status} (${measured.statusReason}); key result at ${followed.progress}`);

// 7. check-ins of each kind
const revenueCheckIn = await member.POST("/api/v1/key-results/{id}/check-ins", {
  params: { path: { id: revenue.id } }, body: { value: 50_000, confidence: 7, note: "Two enterprise deals" },
});
const checkedIn = ok(revenueCheckIn, "numeric check-in");
assert.equal(checkedIn.keyResult.progress, 0.5);
assert.match(revenueCheckIn.response.headers.get("Location") ?? "", new RegExp(`/check-ins/${checkedIn.checkIn.id}$`));
ok(await member.POST("/api/v1/key-results/{id}/check-ins", {
  params: { path: { id: launch.id } }, body: { done: true, confidence: 9 },
}), "boolean check-in");
const design = loyalty.milestones?.[0];
assert.ok(design !== undefined);
const milestone = ok(await member.POST("/api/v1/key-results/{id}/check-ins", {
  params: { path: { id: loyalty.id } }, body: { completedMilestones: [design.id], confidence: 6 },
}), "milestone check-in");
assert.equal(milestone.keyResult.progress, 0.25);
const history = ok(await member.GET("/api/v1/key-results/{id}/check-ins", { params: { path: { id: revenue.id } } }), "history");
assert.equal(history.items.length, 1);
assert.equal(history.nextCursor, null);
// a check-in dated last week, recorded after the one above: history only, the key result stays at 50k
const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString();
const late = ok(await member.POST("/api/v1/key-results/{id}/check-ins", {
  params: { path: { id: revenue.id } }, body: { value: 30_000, confidence: 5, checkedInAt: lastWeek },
}), "check-in dated last week");
assert.equal(late.keyResult.currentValue, 50_000);
const series = ok(await member.GET("/api/v1/key-results/{id}/history", {
  params: { path: { id: revenue.id }, query: { from: day(-8), bucket: "DAY" } },
}), "the key result's history");
assert.equal(series.points.length, 9);
assert.equal(series.points[0]?.progress, null);
assert.equal(series.points[1]?.value, 30_000);
assert.equal(series.points[1]?.carried, false);
assert.equal(series.points[2]?.carried, true);
assert.equal(series.points[8]?.progress, 0.5);
// who did that: the audit trail (merged by the gateway from the three services), the key result's two check-ins
const trail = ok(await admin.GET("/api/v1/audit", { params: { query: { resourceId: revenue.id } } }), "the audit trail");
assert.deepEqual(trail.items.map((entry) => entry.action), ["key-result.checked-in", "key-result.checked-in"]);
assert.equal(trail.items[1]?.changes.find((change) => change.field === "current")?.after, 50_000);
assert.equal(trail.items[0]?.actor.type, "PERSON");
step("check-ins: revenue 50k (0.5) and 30k dated last week, partner programme launched, loyalty design done (0.25)");

// 8. an edit on what was read: the pushes moved progress, not the objective's ETag
const read = await member.GET("/api/v1/objectives/{id}", { params: { path: { id: salesObjective.id } } });
const patched = ok(await admin.PATCH("/api/v1/objectives/{id}", {
  params: { path: { id: salesObjective.id }, header: { "If-Match": etagOf(read.response) } },
  body: { description: "Domestic first, then the Nordics" },
}), "patch");
assert.equal(patched.description, "Domestic first, then the Nordics");
step("description changed with the ETag that was read");

// 9. the views
const dashboard = ok(await member.GET("/api/v1/dashboard", { params: { query: { cycleId: cycle.id, unitId: sales.id } } }), "dashboard");
assert.equal(dashboard.objectives.length, 1);
assert.equal(dashboard.objectives[0]?.kpis[0]?.kpiId, leads.id);
assert.equal(dashboard.unit?.unitId, sales.id);
const context = await eventually("the sales objective in context", async () => {
  const answer = ok(await member.GET("/api/v1/objectives/{id}/context", { params: { path: { id: salesObjective.id } } }), "context");
  return answer.paths.length > 0 ? answer : undefined;
});
assert.deepEqual(context.paths[0]?.map((node) => node.id), [salesObjective.id, companyObjective.id]);
const tree = await eventually("the company objective's tree with its rolled-up child", async () => {
  const answer = ok(await member.GET("/api/v1/alignment/objectives/{id}/tree", { params: { path: { id: companyObjective.id } } }), "tree");
  return answer.children?.length === 1 ? answer : undefined;
});
assert.equal(tree.children?.[0]?.id, salesObjective.id);
step(`dashboard (${dashboard.objectives.length} objective, unit ${dashboard.unit?.unitId}), context (${context.paths.length} path), tree (${tree.children?.length} child)`);

// 10. the stream showed the KPI and the key result moving
await eventually("the KPI's and the objective's events on the stream", async () =>
  events.some((e) => e.name === "kpi" && e.message.subject === leads.id)
  && events.some((e) => e.name === "objective" && e.message.subject === salesObjective.id) ? true : undefined, 20);
await eventually("the KPI's and its key result's events on the stream that follows the KPI by key", async () =>
  keyed.some((e) => e.name === "kpi" && e.message.subject === leads.id)
  && keyed.some((e) => e.name === "objective" && e.message.subject === salesObjective.id) ? true : undefined, 20);
assert.ok(keyed.every((e) => e.message.subject !== companyObjective.id), "the company objective follows no KPI");
stop.abort();
await Promise.all([following, followingKeyed]);
step(`stream: ${events.length} events (${[...new Set(events.map((e) => e.name))].join(", ")}); ${keyed.length} about ${leadsKey}`);

console.log(`[scenario] all ${steps} steps as expected`);
