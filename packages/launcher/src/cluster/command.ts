// `shop cluster` (`npm run cluster`): the infrastructure profile on one machine. PostgreSQL,
// Redis, RabbitMQ and etcd (from their URL variables, else started here), SHOP_CLUSTER_INSTANCES
// (default 2) instances of every service and of the gateway found through etcd, Prometheus
// scraping them all; the demo catalog on the first start; Ctrl-C stops it all, the servers last.
import { z } from "zod";
import { launchConfig } from "../config.ts";
import { createOutput, type Output } from "../output.ts";
import { seedIfNeeded } from "../seed/run.ts";
import { onStopSignals } from "../signals.ts";
import { displayHost, systemUrls } from "../urls.ts";
import { clusterBanner } from "./banner.ts";
import { createCluster, type Cluster, type ReadyCluster } from "./system.ts";

const instancesSchema = z.coerce.number().int().min(1).max(8).default(2);

async function seed(cluster: Cluster, ready: ReadyCluster, repoRoot: string, out: Output, signal: AbortSignal): Promise<string> {
  const backends = ready.first;
  const gatewayPort = Number(new URL(ready.gateways[0]!.api).port);
  const urls = systemUrls(displayHost("127.0.0.1"), { httpPort: gatewayPort, grpcPort: 0 }, backends, { host: "127.0.0.1", port: 0 });
  try {
    return await seedIfNeeded({ repoRoot, dataDir: ready.dir, urls, env: cluster.serviceEnv(), out, signal });
  } catch (err) {
    if (cluster.stopping) throw err;
    out.log("error", `seeding the demo catalog failed: ${(err as Error).message}; it resumes on the next start`);
    return "demo catalog not seeded (see the error above)";
  }
}

export async function clusterCommand(repoRoot: string): Promise<number> {
  const out = createOutput();
  let cluster: Cluster;
  try {
    const parsed = instancesSchema.safeParse(process.env.SHOP_CLUSTER_INSTANCES || undefined);
    if (!parsed.success) throw new Error(`SHOP_CLUSTER_INSTANCES: expected a number from 1 to 8, got ${JSON.stringify(process.env.SHOP_CLUSTER_INSTANCES)}`);
    cluster = createCluster({ config: launchConfig(), repoRoot, instances: parsed.data, env: process.env, out });
  } catch (err) {
    out.log("fatal", (err as Error).message);
    return 1;
  }
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<undefined>((resolve) => (requestStop = () => resolve(undefined)));
  const seeding = new AbortController();
  onStopSignals(out, {
    stop() {
      requestStop();
      seeding.abort();
      void cluster.stop();
    },
    force: () => cluster.force(),
  });
  try {
    const ready = await cluster.start();
    const catalog = await seed(cluster, ready, repoRoot, out, seeding.signal);
    const { dir, gateways, prometheus, budget, pids, startupMs } = ready;
    const fields = { ready: true, dir, gateways, prometheus, budget, pids, startupMs, infra: ready.infra.where, catalog };
    out.banner(clusterBanner(ready, catalog, performance.now()), "ready", fields);
  } catch (err) {
    const interrupted = cluster.stopping;
    if (!interrupted) out.log("fatal", (err as Error).message);
    await cluster.stop();
    if (interrupted) out.log("info", "stopped before the cluster was ready");
    return interrupted ? 0 : 1;
  }
  const failure = await Promise.race([stopRequested, cluster.failed]);
  if (failure) out.log("fatal", `${failure.message}; stopping the rest`);
  await cluster.stop();
  out.log("info", failure ? "stopped after a failure" : "stopped cleanly");
  return failure ? 1 : 0;
}
