// What a chaos run prints at the end: what it did (requests by kind and outcome, orders, payments,
// faults, restarts), how long the system took to recover from each kind of fault, and what the
// checker found.
import type { Violation } from "./checker.ts";
import type { DeadLetterLine } from "./bus-check.ts";
import type { FaultRecord } from "./faults.ts";
import { totalRequests, type Tally } from "./http.ts";
import type { Ledger } from "./load.ts";

export interface RunResult {
  seconds: { load: number; settle: number };
  shoppers: number;
  tally: Tally;
  ledger: Ledger;
  orders: Record<string, number>;
  faults: FaultRecord[];
  webhooksLost: number;
  deadLetters: DeadLetterLine[];
  violations: Violation[];
  errorLines: string[];
  /** Warnings: expected under faults (a retry, a breaker opening); shown grouped, not judged. */
  warnLines: string[];
  crashes: { service: string; index: number; code: string; tail: string }[];
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function recoveryByKind(faults: FaultRecord[]): Map<string, { n: number; max: number | undefined; median: number | undefined; failed: number }> {
  const groups = new Map<string, FaultRecord[]>();
  for (const f of faults) {
    const key = f.kind === "kill" ? "kill+restart" : `${f.kind} ${f.target}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return new Map(
    [...groups].map(([k, fs]) => {
      const ok = fs.flatMap((f) => (f.recoveryMs === undefined ? [] : [f.recoveryMs])).sort((a, b) => a - b);
      return [k, { n: fs.length, max: ok.at(-1), median: ok[Math.floor((ok.length - 1) / 2)], failed: fs.length - ok.length }];
    }),
  );
}

export function formatReport(r: RunResult): string {
  const out: string[] = [];
  const restarts = r.faults.filter((f) => f.kind === "kill").length;
  out.push(`== chaos: ${r.shoppers} shoppers, ${secs(r.seconds.load * 1000)} of load, settled in ${secs(r.seconds.settle * 1000)}`);
  out.push(`requests: ${totalRequests(r.tally)}`);
  for (const [kind, outcomes] of [...r.tally.counts].sort()) {
    out.push(
      `  ${kind.padEnd(15)} ${[...outcomes]
        .sort((a, b) => b[1] - a[1])
        .map(([o, n]) => `${o}: ${n}`)
        .join(", ")}`,
    );
  }
  out.push(
    `orders told placed: ${r.ledger.placed.size}, unanswered keys: ${r.ledger.unanswered.length}, told paid: ${r.ledger.toldPaid.size}, told cancelled: ${r.ledger.toldCancelled.size}, coupons claimed: ${r.ledger.claimed.size}, flash-sale tickets won: ${r.ledger.won.length}`,
  );
  out.push(
    `orders in the database by status: ${
      Object.entries(r.orders)
        .map(([s, n]) => `${s} ${n}`)
        .join(", ") || "none"
    }`,
  );
  if (r.webhooksLost)
    out.push(`sandbox payments whose webhook died with its payment process (nothing charged in the shop; the order timed out): ${r.webhooksLost}`);
  out.push(
    `faults: ${r.faults.length} (kills and restarts: ${restarts}, cuts: ${r.faults.filter((f) => f.kind === "cut").length}, hangs: ${r.faults.filter((f) => f.kind === "hang").length})`,
  );
  if (r.crashes.length)
    out.push(`instances that exited by themselves (started again): ${r.crashes.map((c) => `${c.service}#${c.index} (${c.code})`).join(", ")}`);
  out.push("recovery after the fault ended (kills: from the restart until registered and ready):");
  for (const [kind, s] of recoveryByKind(r.faults)) {
    out.push(
      `  ${kind.padEnd(15)} n=${s.n}  median ${s.median === undefined ? "-" : secs(s.median)}  max ${s.max === undefined ? "-" : secs(s.max)}${s.failed ? `  NOT RECOVERED: ${s.failed}` : ""}`,
    );
  }
  out.push(`dead letters: ${r.deadLetters.length}${r.deadLetters.length ? "" : " (every dead-letter queue empty)"}`);
  for (const d of r.deadLetters.slice(0, 20))
    out.push(`  ${d.group} ${d.topic} ${d.explainedBy ? `explained: ${d.explainedBy}` : "UNEXPLAINED"}: ${d.error.replace(/\s+/g, " ").slice(0, 200)}`);
  if (r.errorLines.length) {
    out.push(`services' error log lines: ${r.errorLines.length}; distinct:`);
    for (const [what, n] of distinctErrors(r.errorLines).slice(0, 8)) out.push(`  ${n}× ${what}`);
  }
  if (r.warnLines.length) {
    out.push(`services' warnings: ${r.warnLines.length}; most frequent:`);
    for (const [what, n] of distinctErrors(r.warnLines).slice(0, 12)) out.push(`  ${n}× ${what}`);
  }
  out.push(`violations: ${r.violations.length}`);
  for (const v of r.violations.slice(0, 50)) out.push(`  ${v.rule}: ${v.detail}`);
  if (r.violations.length > 50) out.push(`  … and ${r.violations.length - 50} more`);
  return out.join("\n");
}

/** Error log lines grouped by service, message and error text (JSON lines; others as they are). */
function distinctErrors(lines: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    let what = line.slice(0, 200);
    try {
      const e = JSON.parse(line) as { service?: string; msg?: string; err?: { message?: string; cause?: { message?: string } } };
      const cause = e.err?.cause?.message ?? e.err?.message ?? "";
      what = `${e.service ?? "?"}: ${e.msg ?? ""} ${cause.replace(/\s+/g, " ").slice(0, 160)}`;
    } catch {
      // not JSON: as it is
    }
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}
