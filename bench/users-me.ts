// `npm run bench`: GET /api/v1/users/me through the gateway against the same call made directly to
// the user service over Connect/JSON, under autocannon, with the CPU time each request costs the
// gateway, the user service and PostgreSQL. The frame (system, ceiling, settings, memory, exit code)
// is bench/run.ts; logs are at warn there, since a log line per request would measure the logging.
import { randomBytes } from "node:crypto";
import { cpuGroups, cpuMs, perRequest } from "./cpu.ts";
import { measure, warmUp, type Target } from "./measure.ts";
import { runBenchmark } from "./run.ts";
import { fetchJson, resultTable, type Row } from "./table.ts";

const measured = ["gateway", "user", "postgres"];

runBenchmark({
  starting: "the system",
  async bench(run, ceiling) {
    const { urls } = run.ready;
    const user = { username: `bench_${Date.now()}`, email: `bench_${Date.now()}@example.com`, password: randomBytes(12).toString("hex") };
    await fetchJson(`${urls.gateway}/api/v1/auth/register`, { method: "POST", body: JSON.stringify(user) });
    const { accessToken } = await fetchJson(`${urls.gateway}/api/v1/auth/login`, {
      method: "POST",
      body: JSON.stringify({ login: user.username, password: user.password }),
    });
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
    return { rows, table: resultTable(rows, ceiling, measured) };
  },
});
