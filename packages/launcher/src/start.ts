// `shop start` (`npm start`): the system up, the demo catalog seeded on the first start, its URLs
// printed, and down again in order on Ctrl-C, SIGTERM or SIGHUP; a second Ctrl-C forces. Exits 0
// after a clean stop, 1 when something failed.
import { launchConfig } from "./config.ts";
import { createOutput, type Output } from "./output.ts";
import { seedIfNeeded } from "./seed/run.ts";
import { onStopSignals } from "./signals.ts";
import { createSystem, type ReadySystem, type System } from "./system.ts";
import { readyBanner } from "./urls.ts";

/** A failed seed leaves a working system (and is resumed on the next start); an interrupted one is the stop. */
async function seedOrSay(system: System, ready: ReadySystem, repoRoot: string, dataDir: string, out: Output, signal: AbortSignal): Promise<string> {
  try {
    return await seedIfNeeded({ repoRoot, dataDir, urls: ready.urls, env: system.serviceEnv(), out, signal });
  } catch (err) {
    if (system.stopping) throw err;
    out.log("error", `seeding the demo catalog failed: ${(err as Error).message}; it resumes on the next start`);
    return "demo catalog not seeded (see the error above)";
  }
}

export async function startCommand(repoRoot: string): Promise<number> {
  const out = createOutput();
  let config;
  try {
    config = launchConfig();
  } catch (err) {
    out.log("fatal", (err as Error).message);
    return 1;
  }
  const system = createSystem(config, out, repoRoot);
  let requestStop: () => void = () => undefined;
  const seeding = new AbortController();
  const stopRequested = new Promise<undefined>((resolve) => (requestStop = () => resolve(undefined)));
  onStopSignals(out, {
    stop() {
      requestStop();
      seeding.abort();
      void system.stop();
    },
    force: () => system.force(),
  });

  try {
    const ready = await system.start();
    const catalog = await seedOrSay(system, ready, repoRoot, config.platform.dataDir, out, seeding.signal);
    // startupMs is when the services were up; the banner counts the seeding too.
    out.banner(readyBanner(ready.urls, performance.now(), ready.postgres, catalog), "ready", { ready: true, ...ready, catalog });
  } catch (err) {
    const interrupted = system.stopping;
    if (!interrupted) out.log("fatal", (err as Error).message);
    await system.stop();
    if (interrupted) out.log("info", "stopped before the system was ready");
    return interrupted ? 0 : 1;
  }
  const failure = await Promise.race([stopRequested, system.failed]);
  if (failure) out.log("fatal", `${failure.message}; stopping the rest`);
  await system.stop();
  out.log("info", failure ? "stopped after a failure" : "stopped cleanly");
  return failure ? 1 : 0;
}
