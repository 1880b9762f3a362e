// One launcher per data folder: <dataDir>/launcher.pid names the one running. A file left by a
// launcher that was killed is recognised (its pid is gone or is something else) and taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { commandLine, isRunning } from "./proc.ts";

export interface Lock {
  release(): void;
}

/** The pid of a live launcher holding `dataDir`, if any. */
export function lockHolder(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, "launcher.pid"), "utf8").trim());
  } catch {
    return undefined;
  }
  return pid !== process.pid && isRunning(pid) && commandLine(pid).includes("launcher") ? pid : undefined;
}

export function acquireLock(dataDir: string): Lock {
  const file = join(dataDir, "launcher.pid");
  mkdirSync(dataDir, { recursive: true });
  const holder = lockHolder(dataDir);
  if (holder) throw new Error(`another launcher (pid ${holder}) is running with the data folder ${dataDir}; stop it first`);
  writeFileSync(file, `${process.pid}\n`);
  return {
    release() {
      try {
        if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
      } catch {
        // already gone
      }
    },
  };
}
