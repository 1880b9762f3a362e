// Runs one service as a child process (`node services/<name>/dist/main.js`, or its source under tsx), forwards
// its log lines, and waits until it is ready: the `{"ready":true,...}` line it logs once its
// listeners are up, or, when that line is filtered out (SHOP_LOG_LEVEL=warn) and its HTTP port is
// known, a 200 from its /readyz.
import { spawn } from "node:child_process";
import { entryArgs } from "@shop/kit/entry";
import { createInterface } from "node:readline";
import { describeExit, manage, type Managed } from "./managed.ts";
import type { Output } from "./output.ts";

export interface ServicePorts {
  httpPort: number;
  grpcPort: number;
}

export interface ServiceProcess extends Managed {
  /** The ports it bound; rejects, quoting its last log lines, if it exits or hangs first. */
  ready: Promise<ServicePorts>;
}

export interface SpawnServiceOptions {
  name: string;
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  out: Output;
  readyTimeoutMs: number;
  /** The ports it was told to bind (0: any) and the host to probe them on. */
  configured: ServicePorts & { host: string };
  /** How its lines and messages name it when several instances run (`product#2`); default the name. */
  label?: string;
}

function readyPorts(line: string): ServicePorts | undefined {
  if (!line.includes('"ready":true')) return undefined;
  try {
    const entry = JSON.parse(line) as { ready?: unknown; httpPort?: unknown; grpcPort?: unknown };
    return entry.ready === true ? { httpPort: Number(entry.httpPort), grpcPort: Number(entry.grpcPort) } : undefined;
  } catch {
    return undefined;
  }
}

async function probeReadyz(host: string, port: number, done: () => boolean): Promise<boolean> {
  while (!done()) {
    try {
      const res = await fetch(`http://${host}:${port}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

export function spawnService({ name, repoRoot, env, out, readyTimeoutMs, configured, label = name }: SpawnServiceOptions): ServiceProcess {
  // SHOP_CPU_PROF_DIR: each service writes a V8 CPU profile there when it stops (node --cpu-prof).
  const profile = env.SHOP_CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${env.SHOP_CPU_PROF_DIR}`, `--cpu-prof-name=${label.replace("#", "-")}-${Date.now()}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profile, ...entryArgs(repoRoot, `services/${name}`, "main")], {
    cwd: repoRoot,
    env,
    // The IPC channel is the lifeline: if the launcher dies, the service sees "disconnect" and stops.
    // Its own process group: a terminal's Ctrl-C reaches only the launcher, which stops services in order.
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    detached: true,
  });
  const managed = manage(label, child, { stopSignal: "SIGTERM", killSignal: "SIGKILL", deadlineMs: 15_000 });
  const outputDone = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const recent: string[] = [];
  let onReady: ((ports: ServicePorts) => void) | undefined;
  for (const stream of ["stdout", "stderr"] as const) {
    createInterface({ input: child[stream]! }).on("line", (line) => {
      out.child(label, line, stream);
      if (line.trim()) recent.push(line);
      if (recent.length > 15) recent.shift();
      const ports = stream === "stdout" ? readyPorts(line) : undefined;
      if (ports) onReady?.(ports);
    });
  }
  const lastLines = () => (recent.length ? recent.map((l) => `  ${out.format(label, l)}`).join("\n") : "  (it logged nothing)");
  let settled = false;
  const ready = new Promise<ServicePorts>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label} was not ready within ${readyTimeoutMs / 1000} s; its last log lines:\n${lastLines()}`)),
      readyTimeoutMs,
    );
    onReady = (ports) => {
      clearTimeout(timer);
      resolve(ports);
    };
    if (configured.httpPort !== 0) {
      void probeReadyz(configured.host, configured.httpPort, () => settled).then(
        (up) => up && onReady?.({ httpPort: configured.httpPort, grpcPort: configured.grpcPort }),
      );
    }
    void managed.exited.then(async (exit) => {
      clearTimeout(timer);
      // Its last lines (the reason) may still be in the pipes when it exits.
      await Promise.race([outputDone, new Promise((r) => setTimeout(r, 1000))]);
      reject(new Error(`${label} ${describeExit(exit)} before it was ready; its last log lines:\n${lastLines()}`));
    });
  });
  void ready.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { ...managed, ready };
}
