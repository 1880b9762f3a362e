// HTTP to the gateways as a browser does, spread over both, with a deadline per request; every
// answer is counted by kind and outcome (200, 4xx with its reason, 5xx, network) for the report.
import type { Answer } from "../../services/gateway/test/helpers.ts";

export interface Tally {
  /** kind → outcome → count */
  counts: Map<string, Map<string, number>>;
  /** Time of the last success of each kind (recovery probes read it). */
  lastOk: Map<string, number>;
}

export const newTally = (): Tally => ({ counts: new Map(), lastOk: new Map() });

export const totalRequests = (t: Tally) => [...t.counts.values()].reduce((n, m) => n + [...m.values()].reduce((a, b) => a + b, 0), 0);

const reasonOf = (a: Answer) => (a.json.details as { reason?: string } | undefined)?.reason ?? "";

export function outcomeName(a: Answer): string {
  if (a.status === 0) return "network";
  if (a.status >= 500) return String(a.status);
  if (a.status >= 400) return `${a.status} ${reasonOf(a) || (a.json.code as string) || ""}`.trim();
  return a.status < 300 ? "ok" : String(a.status);
}

export interface Api {
  call(
    kind: string,
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string>; redirect?: "manual" },
  ): Promise<Answer>;
  tally: Tally;
}

/** A client over `ports` (round robin); a request past `timeoutMs` or refused counts as status 0. */
export function api(ports: () => number[], tally: Tally, timeoutMs = 20_000): Api {
  let next = 0;
  return {
    tally,
    async call(kind, method, path, opts = {}) {
      const list = ports();
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers["content-type"] = "application/json";
      let answer: Answer = { status: 0, headers: new Headers(), text: "", json: {} };
      // A refused connection sent nothing: the next gateway gets it, as a load balancer does.
      for (let tried = 0; tried < list.length; tried++) {
        const port = list[next++ % list.length]!;
        answer = await once(port);
        if (!answer.text.includes("ECONNREFUSED")) break;
      }
      async function once(port: number): Promise<Answer> {
        try {
          const res = await fetch(`http://127.0.0.1:${port}${path}`, {
            method,
            headers,
            body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
            redirect: opts.redirect ?? "follow",
            signal: AbortSignal.timeout(timeoutMs),
          });
          const text = await res.text();
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // HTML pages (the sandbox's) are fine
          }
          return { status: res.status, headers: res.headers, text, json };
        } catch (err) {
          const cause = (err as { cause?: { code?: string } }).cause?.code ?? "";
          return { status: 0, headers: new Headers(), text: `${String(err)} ${cause}`, json: {} };
        }
      }
      const outcome = outcomeName(answer);
      const byKind = tally.counts.get(kind) ?? new Map<string, number>();
      byKind.set(outcome, (byKind.get(outcome) ?? 0) + 1);
      tally.counts.set(kind, byKind);
      if (answer.status > 0 && answer.status < 400) tally.lastOk.set(kind, Date.now());
      return answer;
    },
  };
}

/** Worth asking again with the same key: no answer, a server-side failure, or the first call still running. */
export const retryable = (a: Answer) => a.status === 0 || a.status >= 500 || reasonOf(a) === "IDEMPOTENCY_KEY_IN_PROGRESS";
