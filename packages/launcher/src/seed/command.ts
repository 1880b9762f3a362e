// `shop seed` (`npm run seed`): the demo catalog into the system of this data folder. When that
// system is running (`npm start` elsewhere), into it, on its configured ports; otherwise the system
// is started for the length of the command and stopped again.
import { launchConfig, launchedServices, type LaunchConfig } from "../config.ts";
import { lockHolder } from "../lock.ts";
import { createOutput, type Output } from "../output.ts";
import { embeddedUrl, runningServer } from "../postgres.ts";
import { createSystem } from "../system.ts";
import { displayHost, systemUrls } from "../urls.ts";
import { seedIfNeeded } from "./run.ts";

async function intoRunning(repoRoot: string, config: LaunchConfig, out: Output, signal: AbortSignal): Promise<string> {
  const { dataDir, bindHost, services } = config.platform;
  const unknown = launchedServices.filter((name) => services[name].httpPort === 0);
  if (unknown.length) throw new Error(`the running system's ${unknown.join(", ")} listen on ports chosen at start (0); seed it with fixed ports`);
  const running = config.postgresUrl ? undefined : runningServer(dataDir);
  if (!config.postgresUrl && !running) throw new Error("the running system's embedded PostgreSQL was not found");
  const postgresUrl = config.postgresUrl ?? embeddedUrl(dataDir, running!.port);
  const backends = Object.fromEntries(launchedServices.filter((n) => n !== "gateway").map((n) => [n, services[n]]));
  const urls = systemUrls(displayHost(bindHost), services.gateway, backends, config.gatewayOps);
  return seedIfNeeded({ repoRoot, dataDir, urls, env: { ...process.env, SHOP_POSTGRES_URL: postgresUrl, SHOP_DATA_DIR: dataDir }, out, signal });
}

export async function seedCommand(repoRoot: string): Promise<number> {
  const out = createOutput();
  const aborted = new AbortController();
  let stop: () => Promise<void> = () => Promise.resolve();
  const onSignal = () => {
    aborted.abort();
    void stop();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const config = launchConfig();
    if (lockHolder(config.platform.dataDir)) {
      out.log("info", `seeding the system running on ${config.platform.dataDir}`);
      out.log("info", await intoRunning(repoRoot, config, out, aborted.signal));
      return 0;
    }
    const system = createSystem(config, out, repoRoot);
    stop = () => system.stop();
    try {
      const ready = await system.start();
      out.log(
        "info",
        await seedIfNeeded({ repoRoot, dataDir: config.platform.dataDir, urls: ready.urls, env: system.serviceEnv(), out, signal: aborted.signal }),
      );
    } finally {
      await system.stop();
    }
    return 0;
  } catch (err) {
    out.log(
      aborted.signal.aborted ? "info" : "fatal",
      aborted.signal.aborted ? "seeding interrupted; the next start or seed resumes it" : (err as Error).message,
    );
    return aborted.signal.aborted ? 130 : 1;
  }
}
