// `npm run bench`: GET /api/v1/users/me through the gateway against the same call made directly to
// the user service over Connect/JSON, under autocannon. The system runs as `npm start` runs it
// (the launcher as a child process), set up as bench/env.ts says (free ports, a data folder of its
// own, logs at SHOP_LOG_LEVEL default warn: a log line per request would measure the logging
// instead, no rate limit). BENCH_DURATION_S (default 10) and BENCH_CONNECTIONS (default 50) size the
// runs, each after an unmeasured warm-up of BENCH_WARMUP_S (default 3; the JIT and the pools).
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { dropDatabases } from "@shop/testkit/servers";
import { startLauncher, stopLauncher, type LauncherRun } from "@shop/launcher/harness";
import { benchSystem } from "./env.ts";
import { runLoad, type LoadFigures, type LoadOptions } from "./load.ts";
import { memoryTable, systemMemory } from "./memory.ts";

const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const warmupS = Number(process.env.BENCH_WARMUP_S ?? 3);
const say = (text: string) => void process.stderr.write(`${text}\n`);

async function json(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const reply = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(reply)}`);
  return reply;
}

function resultTable(rows: LoadFigures[]): string {
  const head = `  ${"target".padEnd(52)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"requests".padStart(9)} ${"errors".padStart(7)} ${"non-2xx".padStart(8)}`;
  const line = (r: LoadFigures) =>
    `  ${r.title.padEnd(52)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)} ${String(r.non2xx).padStart(8)}`;
  return [`results (${connections} connections, ${durationS} s each):`, head, ...rows.map(line)].join("\n");
}

async function bench(run: LauncherRun): Promise<LoadFigures[]> {
  const { urls } = run.ready;
  const user = { username: `bench_${Date.now()}`, email: `bench_${Date.now()}@example.com`, password: randomBytes(12).toString("hex") };
  await json(`${urls.gateway}/api/v1/auth/register`, user);
  const { accessToken } = await json(`${urls.gateway}/api/v1/auth/login`, { login: user.username, password: user.password });
  const authorization = `Bearer ${accessToken as string}`;
  const targets: Omit<LoadOptions, "connections" | "durationS">[] = [
    { title: "(a) gateway  GET /api/v1/users/me", url: `${urls.gateway}/api/v1/users/me`, method: "GET", headers: { authorization } },
    {
      title: "(b) user     POST /shop.user.v1.AccountService/GetMe",
      url: `${urls.services.user!.connect}/shop.user.v1.AccountService/GetMe`,
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: "{}",
    },
  ];
  const results: LoadFigures[] = [];
  for (const target of targets) {
    say(`${target.title}: ${warmupS} s warm-up, then ${durationS} s measured`);
    if (warmupS > 0) await runLoad({ ...target, connections, durationS: warmupS, quiet: true });
    results.push(await runLoad({ ...target, connections, durationS }));
  }
  return results;
}

async function main(): Promise<number> {
  const { env, dataDir, dbPrefix } = await benchSystem();
  say(`starting the system (${dbPrefix ? "PostgreSQL from SHOP_POSTGRES_URL" : "embedded PostgreSQL, first start"}) ...`);
  let run: LauncherRun | undefined;
  try {
    run = await startLauncher("node", env);
    say(`ready in ${(run.ready.startupMs / 1000).toFixed(1)} s (launcher process start to all services ready)`);
    const idle = systemMemory(run.ready.pids);
    const results = await bench(run);
    const loaded = systemMemory(run.ready.pids);
    console.log(`\nstart to ready: ${(run.ready.startupMs / 1000).toFixed(2)} s\n`);
    console.log(resultTable(results));
    console.log(`\n${memoryTable("when ready, before the load", idle)}\n\n${memoryTable("right after the load", loaded)}\n`);
    const exit = await stopLauncher(run);
    if (exit.code !== 0) throw new Error(`the launcher stopped badly: ${JSON.stringify(exit)}`);
    const failed = results.filter((r) => r.errors + r.timeouts + r.non2xx > 0 || r.requests === 0);
    if (failed.length) say(`errors in: ${failed.map((r) => r.title).join(", ")}`);
    return failed.length ? 1 : 0;
  } finally {
    if (run) await stopLauncher(run);
    if (dbPrefix) await dropDatabases(dbPrefix, process.env.SHOP_POSTGRES_URL);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
