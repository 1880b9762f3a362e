// What the code really exports to Prometheus, and what PromQL asks for, for the checks of the
// rules and dashboards in deploy/ (test/prometheus-rules.test.ts). Exported names come from the
// registry itself after importing every source file that registers a metric (found by their text,
// so a new metrics file is picked up without a list to keep); names asked for come from the
// expressions parsed by Prometheus's own PromQL grammar (@prometheus-io/lezer-promql).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parser } from "@prometheus-io/lezer-promql";
import { metricsRegistry } from "@shop/kit/metrics";

/** Labels Prometheus adds to every scraped series, and the histogram's bucket label. */
export const targetLabels = new Set(["job", "instance", "le"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") && e.name !== "main.ts" ? [join(dir, e.name)] : [],
  );
}

/** Every series name the processes export (histograms as _bucket/_sum/_count), with its label names. */
export async function exportedMetrics(root: string): Promise<Map<string, Set<string>>> {
  const srcDirs = ["packages", "services"].flatMap((top) =>
    readdirSync(join(root, top))
      .map((name) => join(root, top, name, "src"))
      .filter((d) => readdirSync(d, { withFileTypes: true }).length),
  );
  for (const file of srcDirs.flatMap(sourceFiles)) {
    if (/registers:\s*\[metricsRegistry\]/.test(readFileSync(file, "utf8"))) await import(pathToFileURL(file).href);
  }
  const names = new Map<string, Set<string>>();
  for (const m of metricsRegistry.getMetricsAsArray()) {
    const { name, type, labelNames = [] } = m as unknown as { name: string; type: string; labelNames?: string[] };
    const suffixes = type === "histogram" ? ["_bucket", "_sum", "_count"] : type === "summary" ? ["", "_sum", "_count"] : [""];
    for (const s of suffixes) names.set(name + s, new Set(labelNames));
  }
  return names;
}

export interface Selector {
  name: string;
  labels: string[];
}

/** The metric selectors of a PromQL expression (name and matched label names); throws on a syntax error. */
export function selectorsOf(expr: string): Selector[] {
  const tree = parser.parse(expr);
  const found: Selector[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) throw new Error(`PromQL syntax error at ${cursor.from} in: ${expr}`);
    if (cursor.name !== "VectorSelector") continue;
    const node = cursor.node;
    const id = node.getChild("Identifier");
    const labels = node.getChild("LabelMatchers")?.getChildren("UnquotedLabelMatcher") ?? [];
    found.push({
      name: id ? expr.slice(id.from, id.to) : "",
      labels: labels.map((l) => l.getChild("LabelName")).flatMap((n) => (n ? [expr.slice(n.from, n.to)] : [])),
    });
  } while (cursor.next());
  return found;
}
