// A child process the launcher owns: an orderly stop within a deadline, then a forced one.
import type { ChildProcess } from "node:child_process";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

export interface Managed {
  readonly name: string;
  readonly pid: number;
  readonly exited: Promise<Exit>;
  running(): boolean;
  /** Asks it to stop, waits up to the deadline, then forces it; resolves once it is gone. */
  stop(): Promise<void>;
  /** Forces it now (a second Ctrl-C). */
  kill(): void;
}

export interface StopPolicy {
  /** The polite request: SIGTERM for a service, SIGINT (fast shutdown) for PostgreSQL. */
  stopSignal: NodeJS.Signals;
  /** After the deadline: SIGKILL for a service, SIGQUIT (immediate shutdown) for PostgreSQL. */
  killSignal: NodeJS.Signals;
  deadlineMs: number;
}

export const describeExit = (exit: Exit) =>
  exit.error ? `could not be started (${exit.error.message})` : exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;

export function manage(name: string, child: ChildProcess, policy: StopPolicy): Managed {
  const exited = new Promise<Exit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
  });
  let gone = false;
  void exited.then(() => (gone = true));
  let stopping: Promise<void> | undefined;
  return {
    name,
    pid: child.pid ?? -1,
    exited,
    running: () => !gone,
    kill: () => void (gone || child.kill(policy.killSignal)),
    stop() {
      stopping ??= (async () => {
        if (gone) return;
        child.kill(policy.stopSignal);
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), policy.deadlineMs)));
        if ((await Promise.race([exited, late])) === "late") child.kill(policy.killSignal);
        clearTimeout(timer);
        await exited;
      })();
      return stopping;
    },
  };
}
