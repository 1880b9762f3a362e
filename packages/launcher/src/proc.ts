// Facts about processes, read from /proc (Linux): is it still there (a zombie counts as gone, it
// only waits for its parent to reap it), what is it, who are its children, how much memory.
import { readdirSync, readFileSync } from "node:fs";

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid: number): string[] | undefined {
  const stat = read(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return statFields(pid)?.[0] !== "Z";
}

export function commandLine(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? "").split("\0").join(" ").trim();
}

/** Every process below `pid`, children before grandchildren. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const child = Number(name);
    const parent = Number.isInteger(child) ? Number(statFields(child)?.[1]) : NaN;
    if (Number.isInteger(parent)) children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length;) {
    const next = children.get(queue.shift()!) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

export interface Memory {
  pid: number;
  command: string;
  /** Resident set size, kB: what `ps` shows; shared pages count in every process that maps them. */
  rssKb: number;
  /** Proportional set size, kB: shared pages split between their users, so sums are honest. */
  pssKb: number;
}

export function memory(pid: number): Memory | undefined {
  const status = read(`/proc/${pid}/status`);
  if (!status) return undefined;
  const kb = (text: string | undefined, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text ?? "")?.[1] ?? 0);
  return { pid, command: commandLine(pid), rssKb: kb(status, "VmRSS"), pssKb: kb(read(`/proc/${pid}/smaps_rollup`), "Pss") };
}

/** Waits until `pid` is gone; false when it is still there after `timeoutMs`. */
export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * CPU time a process tree has used so far, in clock ticks: the process, the children it has reaped
 * (cutime + cstime: PostgreSQL's backends that came and went) and its live descendants.
 */
export function treeCpuTicks(pid: number): number | undefined {
  const fields = statFields(pid); // cutime is field 16, cstime 17
  if (!fields) return undefined;
  const own = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return descendants(pid).reduce((sum, child) => sum + (cpuTicks(child) ?? 0), own);
}

/** CPU time a process has used so far (user + system), in clock ticks (see `getconf CLK_TCK`). */
export function cpuTicks(pid: number): number | undefined {
  const fields = statFields(pid); // starts at field 3 (state): utime is field 14, stime 15
  return fields ? Number(fields[11]) + Number(fields[12]) : undefined;
}
