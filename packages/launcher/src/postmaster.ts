// A PostgreSQL server running on a cluster folder, as its postmaster.pid tells: left by a killed
// launcher, or still serving a cluster about to be replaced.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { commandLine, isRunning } from "./proc.ts";

export function serverRunningIn(pgdata: string): { pid: number; port: number } | undefined {
  let text: string;
  try {
    text = readFileSync(join(pgdata, "postmaster.pid"), "utf8");
  } catch {
    return undefined;
  }
  const [pidLine, , , portLine] = text.split("\n");
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid) || !commandLine(pid).includes("postgres")) return undefined;
  return { pid, port: Number(portLine) };
}
