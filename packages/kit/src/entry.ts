// How one process starts another of ours: the compiled JavaScript (dist/) when this process runs
// compiled code itself (`npm start`, production), else the TypeScript source through the tsx
// loader, with the "source" export condition so workspace imports resolve to src/ (tests, dev).
import { join } from "node:path";

/** True when this module was loaded from dist/ (compiled), false under the tsx loader. */
export const runningCompiled = import.meta.url.endsWith(".js");

/** Node's arguments that run TypeScript sources directly (tests, scripts, `npm run dev`). */
export const sourceNodeArgs = ["--conditions=source", "--import", "tsx"];

/**
 * Node's arguments that run `<workspace>/src/<file>.ts`, e.g. ("services/user", "main"), in the
 * same form as this process: compiled or source. `root` is the repository's root.
 */
export function entryArgs(root: string, workspace: string, file: string): string[] {
  return runningCompiled ? [join(root, workspace, "dist", `${file}.js`)] : [...sourceNodeArgs, join(root, workspace, "src", `${file}.ts`)];
}
