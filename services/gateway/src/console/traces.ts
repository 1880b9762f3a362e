// Recent traces for the console. The list comes from this gateway's own span ring: every request
// through it starts (or continues) a trace there, so one row per trace id, named by its root span
// (the route); the console's own calls, the web app's files and probes are left out. A trace's
// detail gathers its spans from this gateway and from every instance's /debug/traces, so the
// waterfall shows the whole path across services. With OTLP configured the rings stay empty:
// `store` says so, and the admin is sent to their collector.
import type { SpanSummary } from "@shop/kit/telemetry";
import { fetchFrom, settleAll, targetsOf, type TargetDeps } from "./targets.ts";
import type { TraceDetail, TraceRow, TracesAnswer, TraceSpan, TraceStore } from "./answers.ts";

export interface TraceSource {
  recentSpans(traceId?: string): SpanSummary[];
  store: TraceStore;
}

/** Spans with this status code failed (OpenTelemetry's SpanStatusCode.ERROR). */
const statusError = 2;

// Not worth a row: the console's own polling, the web app's files and page loads, probes, documents.
const quiet = new Set(["/", "/healthz", "/readyz", "/openapi.json", "/docs", "unmatched"]);
function isNoise(s: SpanSummary): boolean {
  const route = s.attributes["http.route"];
  if (typeof route !== "string") return false;
  return quiet.has(route) || route.startsWith("/api/v1/admin/ops") || route.startsWith("/assets/") || route.startsWith("/docs/");
}

const endOf = (s: SpanSummary) => Date.parse(s.startTime) + s.durationMs;

export function listTraces(source: TraceSource, limit: number): TracesAnswer {
  const byTrace = new Map<string, SpanSummary[]>();
  for (const s of source.recentSpans()) (byTrace.get(s.traceId) ?? byTrace.set(s.traceId, []).get(s.traceId)!).push(s);
  const rows: TraceRow[] = [];
  for (const [traceId, spans] of byTrace) {
    const ids = new Set(spans.map((s) => s.spanId));
    const root = spans.find((s) => !s.parentSpanId || !ids.has(s.parentSpanId)) ?? spans[0]!;
    if (isNoise(root)) continue;
    const start = Math.min(...spans.map((s) => Date.parse(s.startTime)));
    rows.push({
      traceId,
      name: root.name,
      startTime: new Date(start).toISOString(),
      durationMs: Math.max(...spans.map(endOf)) - start,
      error: spans.some((s) => s.status === statusError),
      spanCount: spans.length,
    });
  }
  rows.sort((a, b) => b.startTime.localeCompare(a.startTime));
  return { store: source.store, traces: rows.slice(0, limit) };
}

const view = (s: SpanSummary): TraceSpan => ({
  spanId: s.spanId,
  parentSpanId: s.parentSpanId ?? null,
  service: s.service,
  name: s.name,
  startTime: s.startTime,
  durationMs: Math.round(s.durationMs * 1000) / 1000,
  error: s.status === statusError,
  attributes: s.attributes,
});

export async function traceDetail(deps: TargetDeps, source: TraceSource, traceId: string): Promise<TraceDetail> {
  const answers = await settleAll(targetsOf(deps), async (t) => {
    const res = await fetchFrom(deps, t, `/debug/traces?trace_id=${traceId}`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as SpanSummary[];
  });
  const seen = new Set<string>();
  const spans: TraceSpan[] = [];
  for (const s of [...source.recentSpans(traceId), ...answers.flatMap((a) => a.result ?? [])]) {
    if (s.traceId !== traceId || seen.has(s.spanId)) continue;
    seen.add(s.spanId);
    spans.push(view(s));
  }
  spans.sort((a, b) => a.startTime.localeCompare(b.startTime));
  const unreachable = answers.filter((a) => a.error).map((a) => ({ service: a.target.service, id: a.target.id, error: a.error! }));
  return { traceId, store: source.store, spans, unreachable };
}
