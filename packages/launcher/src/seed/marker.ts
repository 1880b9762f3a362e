// What the data folder remembers about the demo catalog: a seed that started (and may have been
// interrupted: the next one resumes it) or one that is done (never seeded again).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type SeedState = { state: "started"; at: string } | { state: "done"; at: string; outcome: string };

const file = (dataDir: string) => join(dataDir, "demo-seed.json");

export function readSeedState(dataDir: string): SeedState | undefined {
  if (!existsSync(file(dataDir))) return undefined;
  return JSON.parse(readFileSync(file(dataDir), "utf8")) as SeedState;
}

export function writeSeedState(dataDir: string, state: SeedState): void {
  writeFileSync(file(dataDir), `${JSON.stringify(state)}\n`);
}

export const seedStateFile = file;
