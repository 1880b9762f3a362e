// CPU time per request of the system's processes: user + system time from /proc/<pid>/stat before
// and after a run, divided by the requests the run made.
import { execFileSync } from "node:child_process";
import { cpuTicks, treeCpuTicks } from "@shop/launcher/proc";

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Named groups of pids; "postgres" is the server's pid, counted with all its backends, those gone too. */
export type CpuGroups = Record<string, number[]>;

export function cpuGroups(pids: Record<string, number>, names: string[]): CpuGroups {
  return Object.fromEntries(names.map((name) => [name, [pids[name]!]]));
}

/** CPU milliseconds used so far by each group. */
export function cpuMs(groups: CpuGroups): Record<string, number> {
  const ticks = (name: string, pid: number) => (name === "postgres" ? treeCpuTicks(pid) : cpuTicks(pid)) ?? 0;
  return Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [name, (pids.reduce((sum, pid) => sum + ticks(name, pid), 0) * 1000) / ticksPerSecond]),
  );
}

/** Per request, in ms, between two readings. */
export function perRequest(before: Record<string, number>, after: Record<string, number>, requests: number): Record<string, number> {
  return Object.fromEntries(Object.keys(before).map((name) => [name, requests ? (after[name]! - before[name]!) / requests : 0]));
}
