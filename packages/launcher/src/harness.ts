// Runs the launcher the way a person does, for the end-to-end test and the benchmark: `npm start`
// in its own process group (so a Ctrl-C can go to the group, as a terminal sends it) or the start
// script's command directly, and waits for the "ready" line it prints with the URLs and the pids.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { build } from "./build.ts";
import { descendants, isRunning } from "./proc.ts";
import type { Urls } from "./urls.ts";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface Ready {
  urls: Urls;
  startupMs: number;
  pids: Record<string, number>;
  /** What became of the demo catalog on this start. */
  catalog: string;
}

export interface LauncherRun {
  child: ChildProcess;
  ready: Ready;
  /** Every process under the launcher when it was ready, PostgreSQL's backends included. */
  tree: number[];
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export type How = "npm" | "node";

/** `shop start` (`npm start`) by default; `cluster` (`npm run cluster`) prints its own ready line (cluster/command.ts). */
export async function startLauncher(how: How, env: NodeJS.ProcessEnv, timeoutMs = 180_000, shop: "start" | "cluster" = "start"): Promise<LauncherRun> {
  if (how === "node") build(); // what `npm start` does before it runs the compiled launcher
  const npmArgs = shop === "start" ? ["start"] : ["run", shop];
  const [command, args] = how === "npm" ? ["npm", npmArgs] : [process.execPath, ["packages/launcher/dist/main.js", shop]];
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: how === "npm" });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`launcher not ready in ${timeoutMs} ms:\n${lines.slice(-30).join("\n")}`)), timeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        lines.push(line);
        if (!line.includes('"service":"launcher","msg":"ready"')) return;
        clearTimeout(timer);
        resolve(JSON.parse(line) as Ready);
      });
    }
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`launcher exited (${JSON.stringify(exit)}) before ready:\n${lines.slice(-30).join("\n")}`));
    });
  });
  const r = await ready;
  return { child, ready: r, tree: descendants(r.pids.launcher!), lines, exited };
}

/** Ctrl-C as a terminal sends it: to the whole foreground process group (npm, sh, launcher). */
export function ctrlC(run: LauncherRun, how: How): void {
  if (how === "npm") process.kill(-run.child.pid!, "SIGINT");
  else run.child.kill("SIGINT");
}

/** Ctrl-C and its exit; forced after `timeoutMs` (then the exit is null/SIGKILL). */
export async function stopLauncher(run: LauncherRun, timeoutMs = 60_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGINT");
  const late = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), timeoutMs).unref());
  if ((await Promise.race([run.exited, late])) === "late") killAll(run);
  return run.exited;
}

/** Last resort after a failed test: nothing may outlive it. */
export function killAll(run: LauncherRun): void {
  for (const pid of [run.child.pid!, ...Object.values(run.ready.pids), ...run.tree]) {
    if (isRunning(pid)) process.kill(pid, "SIGKILL");
  }
}
