// A trace's spans laid out for a waterfall: in tree order (each span under its parent, siblings by
// start), with depth, and start and length as shares of the whole trace.
import type { TraceSpan } from "@shop/gateway/console-answers";

export interface Bar {
  span: TraceSpan;
  depth: number;
  /** Start and width as percentages of the trace's time. */
  left: number;
  width: number;
  offsetMs: number;
}

export function layout(spans: TraceSpan[]): { bars: Bar[]; totalMs: number } {
  const start = (s: TraceSpan) => Date.parse(s.startTime);
  const t0 = Math.min(...spans.map(start));
  const totalMs = Math.max(1, Math.max(...spans.map((s) => start(s) + s.durationMs)) - t0);
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, TraceSpan[]>();
  for (const s of spans) {
    const parent = s.parentSpanId && ids.has(s.parentSpanId) ? s.parentSpanId : null; // parents outside the trace store: roots
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(s);
  }
  const bars: Bar[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const s of (children.get(parent) ?? []).sort((a, b) => start(a) - start(b))) {
      const offsetMs = start(s) - t0;
      bars.push({ span: s, depth, offsetMs, left: (offsetMs / totalMs) * 100, width: Math.max(0.5, (s.durationMs / totalMs) * 100) });
      visit(s.spanId, depth + 1);
    }
  };
  visit(null, 0);
  return { bars, totalMs };
}

// Distinct colours for the services of the shop; another name gets one from its hash.
const palette: Record<string, string> = {
  gateway: "#1b7f3b",
  user: "#8a5a00",
  product: "#a3307a",
  inventory: "#6b8e23",
  cart: "#2f5fb3",
  order: "#c0392b",
  payment: "#00838f",
  coupon: "#6a3fb5",
  seckill: "#d35400",
  review: "#7b1fa2",
  notification: "#455a64",
  logistics: "#0288d1",
  file: "#795548",
};

/** One colour per service, the same on every trace. */
export function serviceColour(service: string): string {
  const known = palette[service];
  if (known) return known;
  let h = 0;
  for (const c of service) h = (h * 31 + c.charCodeAt(0)) % 360;
  return `hsl(${h} 60% 42%)`;
}
