// Prometheus (Debian's `prometheus` package) for the cluster: a config generated into the data
// folder that finds every live instance through the gateways' /sd/prometheus (the registry, as
// Prometheus' HTTP service discovery), with the repository's alerting rules; on a free port, never
// 9090 (the user service's default).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import type { Output } from "../output.ts";
import { freePort } from "../ports.ts";
import { startDaemon, type Daemon } from "./daemon.ts";

export const prometheusBin = "/usr/bin/prometheus";

/** The scrape config: one job, every instance the registry knows, asked of each gateway's operations listener. */
export function prometheusConfig(sdUrls: string[], rulesGlob: string, intervalS = 5): string {
  return stringify({
    global: { scrape_interval: `${intervalS}s`, evaluation_interval: `${intervalS}s` },
    rule_files: [rulesGlob],
    scrape_configs: [
      {
        job_name: "shop",
        metrics_path: "/metrics",
        http_sd_configs: sdUrls.map((url) => ({ url, refresh_interval: `${intervalS}s` })),
      },
    ],
  });
}

export interface StartedPrometheus {
  daemon: Daemon;
  url: string;
  configFile: string;
}

/** Undefined when Prometheus is not installed (the cluster runs without it and says so). */
export async function startPrometheus(dir: string, repoRoot: string, sdUrls: string[], out: Output): Promise<StartedPrometheus | undefined> {
  if (!existsSync(prometheusBin)) return undefined;
  const base = join(dir, "prometheus");
  mkdirSync(join(base, "data"), { recursive: true });
  const configFile = join(base, "prometheus.yml");
  writeFileSync(configFile, prometheusConfig(sdUrls, join(repoRoot, "deploy/prometheus/rules/*.yml")));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [`--config.file=${configFile}`, `--storage.tsdb.path=${join(base, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"];
  const probe = async () => (await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) })).ok;
  const log = join(dir, "logs", "prometheus.log");
  const daemon = await startDaemon(
    { name: "prometheus", bin: prometheusBin, args, cwd: base, log, pidFile: join(dir, "prometheus.pid"), probe, readyTimeoutMs: 60_000 },
    out,
  );
  return { daemon, url, configFile };
}
