// The frame around every benchmark: start the system as `npm start` does (bench/env.ts: compiled JavaScript), measure the ceiling
// (bench/ceiling.ts) and the targets, print the table with the memory before and after, stop
// everything, and exit 1 when a run had errors.
import { rmSync } from "node:fs";
import { startLauncher, stopLauncher, type LauncherRun } from "@shop/launcher/harness";
import { dropDatabases } from "@shop/testkit/servers";
import { measureCeiling, type Ceiling } from "./ceiling.ts";
import { benchSystem, type BenchSystem } from "./env.ts";
import type { LoadFigures } from "./load.ts";
import { say } from "./measure.ts";
import { memoryTable, systemMemory } from "./memory.ts";

const idleS = Number(process.env.BENCH_IDLE_S ?? 30);

export interface BenchmarkOptions {
  /** What is being started, for the first progress line. */
  starting: string;
  startTimeoutMs?: number;
  /** Runs the loads; returns the rows and their printed table (with ratios to the ceiling). */
  bench: (run: LauncherRun, ceiling: Ceiling, system: BenchSystem) => Promise<{ rows: LoadFigures[]; table: string }>;
}

async function main(o: BenchmarkOptions): Promise<number> {
  const system = await benchSystem();
  const { env, dataDir, dbPrefix } = system;
  say(`starting ${o.starting} (${dbPrefix ? "PostgreSQL from SHOP_POSTGRES_URL" : "embedded PostgreSQL, first start"}) ...`);
  let run: LauncherRun | undefined;
  try {
    run = await startLauncher("node", env, o.startTimeoutMs);
    const { startupMs, catalog, pids } = run.ready;
    say(`services ready in ${(startupMs / 1000).toFixed(1)} s${catalog ? `; ${catalog}` : ""}`);
    // Idle means settled: V8 gives back the start-up garbage some seconds after the last allocation.
    say(`letting the system idle ${idleS} s before reading its memory`);
    await new Promise((r) => setTimeout(r, idleS * 1000));
    const idle = systemMemory(pids);
    const ceiling = await measureCeiling();
    const { rows, table } = await o.bench(run, ceiling, system);
    const loaded = systemMemory(pids);
    console.log(`\nstart to ready (launcher start to all services ready, before any seeding): ${(startupMs / 1000).toFixed(2)} s\n`);
    console.log(
      `ceiling (bare node:http hello world, same load): ${ceiling.rps.toFixed(0)} req/s, p99 ${ceiling.p99} ms, ${ceiling.cpuMsPerRequest.toFixed(3)} CPU ms per request\n`,
    );
    console.log(table);
    console.log(`\n${memoryTable(`idle (${idleS} s after ready, before the load)`, idle)}\n\n${memoryTable("right after the load", loaded)}\n`);
    const exit = await stopLauncher(run);
    if (exit.code !== 0) throw new Error(`the launcher stopped badly: ${JSON.stringify(exit)}`);
    const failed = rows.filter((r) => r.errors + r.timeouts + r.non2xx > 0 || r.requests === 0);
    if (failed.length) {
      say(`errors in: ${failed.map((r) => r.title).join(", ")}`);
      // What the services logged as errors, once per message, to find the cause.
      const errors = new Map(run.lines.filter((l) => l.includes('"level":"error"')).map((l) => [/"msg":"([^"]*)"/.exec(l)?.[1] ?? l, l]));
      say(`the services' errors (each message once):\n${[...errors.values()].slice(0, 20).join("\n")}`);
    }
    return failed.length ? 1 : 0;
  } finally {
    if (run) await stopLauncher(run);
    if (dbPrefix) await dropDatabases(dbPrefix, process.env.SHOP_POSTGRES_URL);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function runBenchmark(o: BenchmarkOptions): void {
  main(o).then(
    (code) => process.exit(code),
    (err: unknown) => {
      say(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
