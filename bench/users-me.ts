// `npm run bench`: GET /api/v1/users/me through the gateway against the same call made directly to
// the user service over Connect/JSON, under autocannon, with the CPU time each request costs the
// gateway, the user service and PostgreSQL. The frame (system, ceiling, settings, memory, exit code)
// is bench/run.ts; logs are at warn there, since a log line per request would measure the logging.
import { randomBytes } from "node:crypto";
import { ratio, type Ceiling } from "./ceiling.ts";
import { cpuGroups, cpuMs, perRequest } from "./cpu.ts";
import type { LoadFigures } from "./load.ts";
import { connections, durationS, measure, warmUp, type Target } from "./measure.ts";
import { runBenchmark } from "./run.ts";

const measured = ["gateway", "user", "postgres"];

interface Row extends LoadFigures {
  cpuMsPerRequest: Record<string, number>;
}

async function json(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const reply = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(reply)}`);
  return reply;
}

function resultTable(rows: Row[], ceiling: Ceiling): string {
  const cpuHead = measured.map((m) => m.padStart(9)).join(" ");
  const head = `  ${"target".padEnd(52)} ${"req/s".padStart(8)} ${"×ceil".padStart(6)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"requests".padStart(9)} ${"errors".padStart(7)} ${"non-2xx".padStart(8)}   ${cpuHead}`;
  const line = (r: Row) =>
    `  ${r.title.padEnd(52)} ${r.rps.toFixed(0).padStart(8)} ${ratio(r.rps, ceiling).padStart(6)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)} ${String(r.non2xx).padStart(8)}   ${measured.map((m) => r.cpuMsPerRequest[m]!.toFixed(3).padStart(9)).join(" ")}`;
  return [`results (${connections} connections, ${durationS} s each; the last columns are CPU ms per request):`, head, ...rows.map(line)].join("\n");
}

runBenchmark({
  starting: "the system",
  async bench(run, ceiling) {
    const { urls } = run.ready;
    const user = { username: `bench_${Date.now()}`, email: `bench_${Date.now()}@example.com`, password: randomBytes(12).toString("hex") };
    await json(`${urls.gateway}/api/v1/auth/register`, user);
    const { accessToken } = await json(`${urls.gateway}/api/v1/auth/login`, { login: user.username, password: user.password });
    const authorization = `Bearer ${accessToken as string}`;
    const targets: Target[] = [
      { title: "(a) gateway  GET /api/v1/users/me", url: `${urls.gateway}/api/v1/users/me`, method: "GET", headers: { authorization } },
      {
        title: "(b) user     POST /shop.user.v1.AccountService/GetMe",
        url: `${urls.services.user!.connect}/shop.user.v1.AccountService/GetMe`,
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: "{}",
      },
    ];
    const groups = cpuGroups(run.ready.pids, measured);
    const rows: Row[] = [];
    for (const target of targets) {
      await warmUp(target);
      const before = cpuMs(groups);
      const figures = await measure(target);
      rows.push({ ...figures, cpuMsPerRequest: perRequest(before, cpuMs(groups), figures.requests) });
    }
    return { rows, table: resultTable(rows, ceiling) };
  },
});
