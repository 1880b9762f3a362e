// Graceful shutdown: on SIGTERM/SIGINT (or the launcher's IPC channel closing) run the hooks in
// reverse order of registration, all within one deadline, then exit.
import type { Logger } from "./log.ts";

type Hook = { name: string; run: () => Promise<void> | void };

export interface Shutdown {
  add(name: string, run: Hook["run"]): void;
  run(reason: string): Promise<void>;
}

export function createShutdown(logger: Logger, deadlineMs = 10_000): Shutdown {
  const hooks: Hook[] = [];
  let running: Promise<void> | undefined;
  const shutdown: Shutdown = {
    add: (name, run) => void hooks.push({ name, run }),
    run(reason) {
      running ??= (async () => {
        logger.info({ reason }, "shutting down");
        const timer = setTimeout(() => {
          logger.error({ deadlineMs }, "shutdown deadline passed; exiting");
          process.exit(1);
        }, deadlineMs);
        timer.unref();
        for (const hook of [...hooks].reverse()) {
          try {
            await hook.run();
          } catch (err) {
            logger.error({ err, hook: hook.name }, "shutdown hook failed");
          }
        }
        clearTimeout(timer);
        logger.info("stopped");
      })();
      return running;
    },
  };
  const exit = (reason: string) => void shutdown.run(reason).then(() => process.exit(0));
  process.once("SIGTERM", () => exit("SIGTERM"));
  process.once("SIGINT", () => exit("SIGINT"));
  // Started by the launcher with an IPC channel: its loss means the launcher died; do not linger.
  if (process.send) process.once("disconnect", () => exit("launcher gone"));
  return shutdown;
}
