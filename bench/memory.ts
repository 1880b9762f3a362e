// Memory of every process of the running system: the launcher and everything under it.
import { descendants, memory, type Memory } from "@shop/launcher/proc";

export interface ProcessMemory extends Memory {
  name: string;
}

function nameOf(command: string): string {
  if (command.startsWith("postgres: ")) return `  pg ${command.slice("postgres: ".length)}`;
  if (command.includes("esbuild")) return "  esbuild (tsx's transpiler)";
  return command;
}

/** `pids` names the main processes; the rest under PostgreSQL are its backends and workers. */
export function systemMemory(pids: Record<string, number>): ProcessMemory[] {
  const names = new Map(Object.entries(pids).map(([name, pid]) => [pid, name]));
  return [pids.launcher!, ...descendants(pids.launcher!)]
    .map((pid) => memory(pid))
    .filter((m): m is Memory => m !== undefined)
    .map((m) => ({ ...m, name: names.get(m.pid) ?? nameOf(m.command) }));
}

const mb = (kb: number) => (kb / 1024).toFixed(1).padStart(8);

export function memoryTable(label: string, rows: ProcessMemory[]): string {
  const total = (key: "rssKb" | "pssKb") => rows.reduce((sum, r) => sum + r[key], 0);
  return [
    `memory ${label}:`,
    `  ${"process".padEnd(40)} ${"pid".padStart(7)}   RSS MB   PSS MB`,
    ...rows.map((r) => `  ${r.name.slice(0, 40).padEnd(40)} ${String(r.pid).padStart(7)} ${mb(r.rssKb)} ${mb(r.pssKb)}`),
    `  ${`all ${rows.length} processes`.padEnd(48)} ${mb(total("rssKb"))} ${mb(total("pssKb"))}`,
    "  (RSS counts shared pages, e.g. PostgreSQL's shared buffers, once per process; PSS splits them, so its sum is the real total)",
  ].join("\n");
}
