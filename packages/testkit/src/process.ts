// Runs a service as a real process (its TypeScript source under tsx), on ports
// chosen by the OS, and waits for its "ready" log line to learn them.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { entryArgs } from "@shop/kit/entry";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface ServiceProcess {
  child: ChildProcess;
  httpPort: number;
  grpcPort: number;
  /** Every log line so far, parsed. */
  logs: Record<string, unknown>[];
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no goodbye. */
  kill(): Promise<void>;
}

/** How long a service may take to be ready: SHOP_TEST_START_TIMEOUT_MS, else 60 s (a loaded two-core machine starting two whole shops took more than 30). */
const startTimeoutMs = Number(process.env.SHOP_TEST_START_TIMEOUT_MS) || 60_000;

/** Pools are small (4) unless `env` says otherwise: test files run side by side on one PostgreSQL. */
/** `onLog` sees each log line as it comes, before the service is ready too. */
export async function startServiceProcess(
  name: string,
  env: Record<string, string>,
  timeoutMs = startTimeoutMs,
  onLog?: (entry: Record<string, unknown>) => void,
): Promise<ServiceProcess> {
  const upper = name.toUpperCase();
  const child = spawn(process.execPath, entryArgs(repoRoot, `services/${name}`, "main"), {
    cwd: repoRoot,
    env: {
      ...process.env,
      [`SHOP_${upper}_HTTP_PORT`]: "0",
      [`SHOP_${upper}_GRPC_PORT`]: "0",
      SHOP_LOG_LEVEL: "info",
      SHOP_DB_POOL_MAX: "4",
      SHOP_DB_IDLE_SECONDS: "2",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<{ httpPort: number; grpcPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready in ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    createInterface({ input: child.stdout }).on("line", (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        onLog?.(entry);
        if (entry.ready === true) {
          clearTimeout(timer);
          resolve({ httpPort: Number(entry.httpPort), grpcPort: Number(entry.grpcPort) });
        }
      } catch {
        logs.push({ raw: line });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before ready\n${stderr}\n${JSON.stringify(logs.slice(-5))}`));
    });
  });
  const ports = await ready;
  return {
    child,
    ...ports,
    logs,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
