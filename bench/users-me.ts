// `npm run bench`: GET /api/v1/users/me through the gateway against the same call made directly to
// the user service over Connect/JSON, under autocannon. The frame (system, settings, memory, exit
// code) is bench/run.ts; logs are at warn there, since a log line per request would measure the
// logging instead.
import { randomBytes } from "node:crypto";
import type { LoadFigures } from "./load.ts";
import { connections, durationS, measure, runBenchmark, warmUp, type Target } from "./run.ts";

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

runBenchmark({
  starting: "the system",
  async bench(run) {
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
    const rows: LoadFigures[] = [];
    for (const target of targets) {
      await warmUp(target);
      rows.push(await measure(target));
    }
    return { rows, table: resultTable(rows) };
  },
});
