// What every benchmark shares: its settings, a measured run after a warm-up, and the frame around
// it — start the system as `npm start` does (bench/env.ts), measure, print the table with the memory
// before and after, stop everything, and exit 1 when a run had errors.
// BENCH_DURATION_S (default 10) and BENCH_CONNECTIONS (default 50) size the runs, each after an
// unmeasured warm-up of BENCH_WARMUP_S (default 3: the JIT and the pools).
import { rmSync } from "node:fs";
import { startLauncher, stopLauncher, type LauncherRun } from "@shop/launcher/harness";
import { dropDatabases } from "@shop/testkit/servers";
import { benchSystem } from "./env.ts";
import { runLoad, type LoadFigures, type LoadOptions } from "./load.ts";
import { memoryTable, systemMemory } from "./memory.ts";

export const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const warmupS = Number(process.env.BENCH_WARMUP_S ?? 3);

export const say = (text: string) => void process.stderr.write(`${text}\n`);

export type Target = Omit<LoadOptions, "connections" | "durationS">;

/** An unmeasured run of `target` (the JIT, the pools, the caches), announced with the measured one. */
export async function warmUp(target: Target): Promise<void> {
  say(`${target.title}: ${warmupS} s warm-up, then ${durationS} s measured`);
  if (warmupS > 0) await runLoad({ ...target, connections, durationS: warmupS, quiet: true });
}

/** The measured run of `target`. */
export const measure = (target: Target): Promise<LoadFigures> => runLoad({ ...target, connections, durationS });

export interface BenchmarkOptions {
  /** What is being started, for the first progress line. */
  starting: string;
  startTimeoutMs?: number;
  /** Runs the loads; returns the rows and their printed table. */
  bench: (run: LauncherRun) => Promise<{ rows: LoadFigures[]; table: string }>;
}

async function main(o: BenchmarkOptions): Promise<number> {
  const { env, dataDir, dbPrefix } = await benchSystem();
  say(`starting ${o.starting} (${dbPrefix ? "PostgreSQL from SHOP_POSTGRES_URL" : "embedded PostgreSQL, first start"}) ...`);
  let run: LauncherRun | undefined;
  try {
    run = await startLauncher("node", env, o.startTimeoutMs);
    const { startupMs, catalog, pids } = run.ready;
    say(`services ready in ${(startupMs / 1000).toFixed(1)} s${catalog ? `; ${catalog}` : ""}`);
    const idle = systemMemory(pids);
    const { rows, table } = await o.bench(run);
    const loaded = systemMemory(pids);
    console.log(`\nstart to ready (launcher start to all services ready, before any seeding): ${(startupMs / 1000).toFixed(2)} s\n`);
    console.log(table);
    console.log(`\n${memoryTable("when ready, before the load", idle)}\n\n${memoryTable("right after the load", loaded)}\n`);
    const exit = await stopLauncher(run);
    if (exit.code !== 0) throw new Error(`the launcher stopped badly: ${JSON.stringify(exit)}`);
    const failed = rows.filter((r) => r.errors + r.timeouts + r.non2xx > 0 || r.requests === 0);
    if (failed.length) say(`errors in: ${failed.map((r) => r.title).join(", ")}`);
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
