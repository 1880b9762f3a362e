// One instance of a service under the cluster's supervisor: started, and when it exits without
// being asked to, logged and started again after a back-off (1 s doubling to 30 s, back to 1 s once
// it has stayed up a minute), on the same ports, as an operator's process supervisor would.
import type { Output } from "../output.ts";
import { describeExit } from "../managed.ts";
import { spawnService, type ServicePorts, type ServiceProcess, type SpawnServiceOptions } from "../supervisor.ts";

export interface Instance {
  readonly label: string;
  readonly service: string;
  /** The ports of its first start (kept on restarts). */
  readonly ready: Promise<ServicePorts>;
  pid(): number;
  restarts(): number;
  running(): boolean;
  stop(): Promise<void>;
  kill(): void;
}

const firstBackoffMs = 1000;
const maxBackoffMs = 30_000;
const stableMs = 60_000;

export function superviseInstance(spawnOptions: SpawnServiceOptions & { label: string }, out: Output): Instance {
  const { label } = spawnOptions;
  let current: ServiceProcess = spawnService(spawnOptions);
  let stopped = false;
  let restarts = 0;
  let backoff = firstBackoffMs;
  let waiting: NodeJS.Timeout | undefined;

  const watch = (proc: ServiceProcess, startedAt: number) => {
    void proc.exited.then((exit) => {
      if (stopped) return;
      if (Date.now() - startedAt > stableMs) backoff = firstBackoffMs;
      out.log("warn", `${label} ${describeExit(exit)} unexpectedly; starting it again in ${backoff / 1000} s`, { pid: proc.pid, restarts });
      const delay = backoff;
      backoff = Math.min(backoff * 2, maxBackoffMs);
      waiting = setTimeout(() => {
        waiting = undefined;
        if (stopped) return;
        restarts++;
        current = spawnService(spawnOptions);
        watch(current, Date.now());
        current.ready.then(
          () => out.log("info", `${label} is back`, { pid: current.pid, restarts }),
          (err: Error) => out.log("error", err.message),
        );
      }, delay);
    });
  };
  const ready = current.ready;
  // Restarts begin once the first start succeeded; a first start that fails fails the cluster's start.
  void ready.then(
    () => watch(current, Date.now()),
    () => undefined,
  );

  return {
    label,
    service: spawnOptions.name,
    ready,
    pid: () => current.pid,
    restarts: () => restarts,
    running: () => current.running() || waiting !== undefined,
    async stop() {
      stopped = true;
      if (waiting) clearTimeout(waiting);
      waiting = undefined;
      await current.stop();
    },
    kill() {
      stopped = true;
      if (waiting) clearTimeout(waiting);
      current.kill();
    },
  };
}
