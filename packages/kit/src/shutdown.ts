// Graceful shutdown: on SIGTERM/SIGINT (or the launcher's IPC channel closing) run the hooks in
// reverse order of registration, all within one deadline, then exit.
import type { Logger } from "./log.ts";

type Hook = { name: string; run: () => Promise<void> | void };

export interface Steps {
  add(this: void, name: string, run: Hook["run"]): void;
  /** Runs the steps once, in reverse order of adding; a failing step is logged and the later ones still run. */
  run(): Promise<void>;
}

export function createSteps(logger: Logger): Steps {
  const hooks: Hook[] = [];
  let running: Promise<void> | undefined;
  return {
    add: (name, run) => void hooks.push({ name, run }),
    run() {
      running ??= (async () => {
        for (const hook of [...hooks].reverse()) {
          try {
            await hook.run();
          } catch (err) {
            logger.error({ err, step: hook.name }, "stop step failed");
          }
        }
      })();
      return running;
    },
  };
}

export interface Shutdown {
  add(name: string, run: Hook["run"]): void;
  run(reason: string): Promise<void>;
}

export function createShutdown(logger: Logger, deadlineMs = 10_000): Shutdown {
  const steps = createSteps(logger);
  let running: Promise<void> | undefined;
  const shutdown: Shutdown = {
    add: steps.add,
    run(reason) {
      running ??= (async () => {
        logger.info({ reason }, "shutting down");
        const timer = setTimeout(() => {
          logger.error({ deadlineMs }, "shutdown deadline passed; exiting");
          process.exit(1);
        }, deadlineMs);
        timer.unref();
        await steps.run();
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
