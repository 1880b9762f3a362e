// The answers of the console's API as types: the server builds them and the admin console's pages
// read them (apps/web imports this file alone, type-only), so a change here is a type error there.
// No imports: the web app compiles it without Node's types.

export type TraceStore = "memory" | "collector";

export interface InstanceView {
  id: string;
  address: string;
  version: string;
  ready: boolean;
  checks: Record<string, string>;
  /** ISO time the process started; absent when its metrics could not be read. */
  startedAt?: string;
  uptimeSeconds?: number;
  /** The gateway that answered this request. */
  self?: boolean;
}

export interface ServiceView {
  name: string;
  /** Every instance ready, and at least one. */
  ready: boolean;
  instances: InstanceView[];
}

export interface TraceRow {
  traceId: string;
  /** The root span's name: `<METHOD> <route>` for a request through the gateway. */
  name: string;
  startTime: string;
  durationMs: number;
  error: boolean;
  /** Spans this gateway holds; the detail adds the other services'. */
  spanCount: number;
}

export interface TraceSpan {
  spanId: string;
  parentSpanId: string | null;
  service: string;
  name: string;
  startTime: string;
  durationMs: number;
  error: boolean;
  attributes: Record<string, unknown>;
}

export interface TraceDetail {
  traceId: string;
  store: TraceStore;
  /** Oldest first. */
  spans: TraceSpan[];
  /** Instances whose spans could not be read (so the waterfall may miss some). */
  unreachable: { service: string; id: string; error: string }[];
}

export interface RouteFigures {
  method: string;
  route: string;
  /** Requests in the window. */
  requests: number;
  perSecond: number;
  /** Shares of the window's requests answered 5xx and 4xx, 0..1. */
  errorRate: number;
  clientErrorRate: number;
  /** Estimated from the histogram's buckets, as Prometheus' histogram_quantile does; null without requests. */
  p99Ms: number | null;
  /** Requests since this gateway started. */
  total: number;
}

export interface OutboxView {
  service: string;
  pending: number;
  oldestAgeSeconds: number;
}

export interface GroupView {
  group: string;
  /** Deployables with an instance subscribed. */
  services: string[];
  /** Has a dead-letter queue (instances of a per-instance group share none): the console lists and replays only these. */
  durable: boolean;
  deadLetters: number;
  delivered: number;
  failed: number;
  deadLettered: number;
}

export interface BusView {
  outbox: OutboxView[];
  groups: GroupView[];
  /** Instances whose metrics could not be read: their figures are missing above. */
  unreachable: { service: string; id: string; error: string }[];
  checkedAt: string;
}

export interface DeadLetterView {
  id: string;
  topic: string;
  type: string;
  attempts: number;
  error: string;
  failedAt: string;
  occurredAt: string;
  /** The event as JSON when its type is a contract event, else null (see payloadBytes). */
  payload: unknown;
  payloadBytes: number;
}

export interface ServicesAnswer {
  services: ServiceView[];
  checkedAt: string;
}

export interface TracesAnswer {
  store: TraceStore;
  traces: TraceRow[];
}

export interface RoutesAnswer {
  windowSeconds: number;
  routes: RouteFigures[];
}

export interface DeadLettersAnswer {
  group: string;
  deadLetters: DeadLetterView[];
}

export interface ReplayAnswer {
  group: string;
  replayed: number;
}
