// The Prometheus rules and Grafana dashboards in deploy/: valid for promtool, their unit tests pass
// (promtool test rules), every alert is shown firing in them and has a runbook step, and every
// metric they read is one the code exports, with labels it has.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { parse, stringify } from "yaml";
import { repoRoot } from "../scripts/proto-deps.ts";
import { metricsRegistry } from "@shop/kit/metrics";
import { exportedMetrics, selectorsOf, targetLabels, type Selector } from "./helpers/exported-metrics.ts";

const rulesDir = join(repoRoot, "deploy/prometheus/rules");
const testsDir = join(repoRoot, "deploy/prometheus/tests");
const dashboardsDir = join(repoRoot, "deploy/grafana/dashboards");
const yamlIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))
    .map((f) => join(dir, f));

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rules: Rule[] = yamlIn(rulesDir).flatMap((f) => (parse(readFileSync(f, "utf8")) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules));
const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));

interface Panel {
  title: string;
  datasource?: { uid?: string };
  targets?: { expr: string; datasource?: { uid?: string } }[];
}
const dashboards = readdirSync(dashboardsDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ file: f, json: JSON.parse(readFileSync(join(dashboardsDir, f), "utf8")) as { uid: string; title: string; panels: Panel[] } }));
const panelExprs = dashboards.flatMap((d) => d.json.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `${d.file}: ${p.title}`, expr: t.expr }))));

function promtool(...args: string[]): { status: number | null; output: string } {
  return promtoolWith(undefined, ...args);
}

function promtoolWith(input: string | undefined, ...args: string[]): { status: number | null; output: string } {
  const r = spawnSync("promtool", args, { cwd: repoRoot, encoding: "utf8", input });
  if (r.error) throw new Error(`promtool is missing (${r.error.message}): on Debian, apt-get install -y prometheus`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

let exported: Map<string, Set<string>>;
before(async () => {
  promtool("--version");
  exported = await exportedMetrics(repoRoot);
});

void test("promtool accepts the rules and their unit tests pass", () => {
  const check = promtool("check", "rules", ...yamlIn(rulesDir));
  assert.equal(check.status, 0, check.output);
  const unit = promtool("test", "rules", ...yamlIn(testsDir));
  assert.equal(unit.status, 0, unit.output);
});

void test("every alert has a severity, a summary, a description and a runbook step, and is shown firing by a unit test", () => {
  const operations = readFileSync(join(repoRoot, "docs/operations.md"), "utf8");
  type AlertTest = { alertname: string; exp_alerts?: unknown[] };
  const shownFiring = new Set(
    yamlIn(testsDir).flatMap((f) =>
      ((parse(readFileSync(f, "utf8")) as { tests: { alert_rule_test?: AlertTest[] }[] }).tests ?? []).flatMap((t) =>
        (t.alert_rule_test ?? []).filter((a) => a.exp_alerts?.length).map((a) => a.alertname),
      ),
    ),
  );
  const alerts = rules.filter((r) => r.alert);
  assert.ok(alerts.length >= 10, `${alerts.length} alerts`);
  for (const a of alerts) {
    assert.match(a.labels?.severity ?? "", /^(critical|warning)$/, `${a.alert}: severity`);
    assert.ok(a.annotations?.summary && a.annotations.description, `${a.alert}: summary and description`);
    const anchor = /^docs\/operations\.md#([a-z-]+)$/.exec(a.annotations.runbook ?? "")?.[1];
    assert.ok(anchor && operations.includes(`### ${anchor}\n`), `${a.alert}: runbook ${a.annotations.runbook} is a step of docs/operations.md`);
    assert.ok(operations.includes(`| \`${a.alert}\` |`), `${a.alert} is in the Alerts table of docs/operations.md`);
    assert.ok(shownFiring.has(a.alert!), `${a.alert} is shown firing in deploy/prometheus/tests`);
  }
});

void test("every dashboard panel is valid PromQL on the provisioned data source", () => {
  assert.deepEqual(dashboards.map((d) => d.json.uid).sort(), ["shop-business", "shop-overview"]);
  for (const d of dashboards) {
    for (const p of d.json.panels) {
      assert.ok(p.targets?.length, `${d.file}: ${p.title} has a query`);
      for (const ds of [p.datasource, ...p.targets.map((t) => t.datasource)]) assert.equal(ds?.uid, "shop-prometheus", `${d.file}: ${p.title}'s data source`);
    }
  }
  // promtool parses rules exactly as Prometheus does: each query as a recording rule.
  const dir = mkdtempSync(join(tmpdir(), "shop-dashboards-"));
  try {
    const file = join(dir, "panels.yml");
    writeFileSync(file, stringify({ groups: [{ name: "panels", rules: panelExprs.map((p, i) => ({ record: `dashboard:panel_${i}`, expr: p.expr })) }] }));
    const check = promtool("check", "rules", file);
    assert.equal(check.status, 0, check.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const provisioned = readFileSync(join(repoRoot, "deploy/grafana/provisioning/datasources/prometheus.yaml"), "utf8");
  assert.match(provisioned, /uid: shop-prometheus\n/);
  assert.match(provisioned, /url: \$\{SHOP_PROMETHEUS_URL\}\n/);
});

void test("rules, dashboards and rule tests read only metrics the code exports, by labels they have", () => {
  const unknown: string[] = [];
  const check = (where: string, s: Selector) => {
    if (recorded.has(s.name) || s.name === "up") return;
    const labels = exported.get(s.name);
    if (!labels) return void unknown.push(`${where}: ${s.name}`);
    for (const l of s.labels) if (!labels.has(l) && !targetLabels.has(l)) unknown.push(`${where}: ${s.name}{${l}}`);
  };
  for (const r of rules) for (const s of selectorsOf(r.expr)) check(`rule ${r.record ?? r.alert}`, s);
  for (const p of panelExprs) for (const s of selectorsOf(p.expr)) check(p.where, s);
  for (const f of yamlIn(testsDir)) {
    const tests = (parse(readFileSync(f, "utf8")) as { tests: { input_series: { series: string }[] }[] }).tests;
    for (const s of tests.flatMap((t) => t.input_series)) for (const sel of selectorsOf(s.series)) check(`${f} input`, sel);
  }
  assert.deepEqual(unknown, [], "metrics (or labels) no process exports");
  // The figures this issue added are there.
  for (const name of ["outbox_pending_events", "outbox_oldest_pending_age_seconds", "bus_dead_letters", "orders_awaiting_payment", "orders_payment_overdue"])
    assert.ok(exported.has(name), name);
});

void test("the exported metrics pass promtool's naming lint (prom-client's own nodejs_* gauges aside)", async () => {
  const lint = promtoolWith(await metricsRegistry.metrics(), "check", "metrics");
  const problems = lint.output.split("\n").filter((l) => l.trim() && !l.startsWith("nodejs_"));
  assert.deepEqual(problems, []);
});
