// A server the cluster starts from the machine's own binaries (etcd, Redis, RabbitMQ, Prometheus):
// its own process group (a terminal's Ctrl-C reaches only the launcher, which stops it last), its
// output appended to a log file in the data folder, ready when its probe says so.
import { spawn } from "node:child_process";
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { describeExit, manage, type Exit, type Managed } from "../managed.ts";
import type { Output } from "../output.ts";
import { commandLine, isRunning, waitGone } from "../proc.ts";
import { logTail } from "../postgres.ts";

export interface Daemon extends Managed {
  /** Resolves once the probe succeeds; rejects with the tail of its log if it exits or times out first. */
  ready: Promise<void>;
  log: string;
}

export interface DaemonOptions {
  name: string;
  bin: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  log: string;
  /** Holds its pid while it runs, so a start after a launcher that was killed finds and stops it. */
  pidFile: string;
  probe: () => Promise<boolean>;
  readyTimeoutMs: number;
  stopSignal?: NodeJS.Signals;
  deadlineMs?: number;
}

/** The binary, or an error that says which Debian package has it and which variable avoids it. */
export function requireBinary(bin: string, what: string, debianPackage: string, variable?: string): string {
  if (existsSync(bin)) return bin;
  const instead = variable ? `, or point ${variable} at a running ${what}` : "";
  throw new Error(`${what} is not installed (${bin} is missing): apt-get install -y ${debianPackage}${instead}`);
}

/**
 * Stops what a killed launcher left running on this data folder (its pid file names it, and it is
 * still that binary): its whole process group, politely first. It would hold the data and ports.
 */
async function stopLeftover(o: DaemonOptions, out: Output): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(o.pidFile, "utf8").trim());
  } catch {
    return;
  }
  if (!pid || !isRunning(pid) || !commandLine(pid).includes(basename(o.bin))) return;
  out.log("warn", `an earlier run left ${o.name} running on this data folder; stopping it`, { pid });
  process.kill(-pid, "SIGTERM");
  if (!(await waitGone(pid, o.deadlineMs ?? 20_000))) process.kill(-pid, "SIGKILL");
  await waitGone(pid, 5000);
}

export async function startDaemon(o: DaemonOptions, out: Output): Promise<Daemon> {
  await stopLeftover(o, out);
  mkdirSync(dirname(o.log), { recursive: true });
  const fd = openSync(o.log, "a");
  const from = fstatSync(fd).size;
  const child = spawn(o.bin, o.args, { cwd: o.cwd, env: o.env ?? process.env, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  if (child.pid) writeFileSync(o.pidFile, `${child.pid}\n`);
  const managed = manage(o.name, child, { stopSignal: o.stopSignal ?? "SIGTERM", killSignal: "SIGKILL", deadlineMs: o.deadlineMs ?? 20_000 });
  // What the server forked into its group (RabbitMQ's Erlang VM under its start script) goes with it.
  void managed.exited.then(() => {
    rmSync(o.pidFile, { force: true });
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // the group is already empty
    }
  });
  let exit: Exit | undefined;
  void managed.exited.then((e) => (exit = e));
  const ready = (async () => {
    const until = Date.now() + o.readyTimeoutMs;
    for (;;) {
      if (exit) throw new Error(`${o.name} ${describeExit(exit)} before it was ready; its log (${o.log}) says:\n${logTail(o.log, from)}`);
      if (Date.now() > until) throw new Error(`${o.name} was not ready within ${o.readyTimeoutMs / 1000} s; its log (${o.log}) says:\n${logTail(o.log, from)}`);
      if (await o.probe().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  ready.catch(() => undefined);
  return { ...managed, ready, log: o.log };
}
