// `npm run generate`: writes the third-party protos, lints, then `buf generate` into
// packages/contracts/src/gen. The generated code is committed; test/contracts.test.ts checks that
// generating again into a temporary folder gives the same files.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot, writeProtoDeps } from "./proto-deps.ts";

export const generatedDir = "packages/contracts/src/gen";

/** Generates into `<outBase>/packages/contracts/src/gen`. */
export function generate(outBase: string = repoRoot): void {
  writeProtoDeps();
  rmSync(join(outBase, generatedDir), { recursive: true, force: true });
  const bin = join(repoRoot, "node_modules/.bin");
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` };
  const run = (...args: string[]) => execFileSync(join(bin, "buf"), args, { cwd: repoRoot, stdio: "inherit", env });
  run("lint", "proto");
  run("generate", "--exclude-path", "build/proto-deps/buf", "-o", outBase);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  generate();
  console.log(`generated ${join(repoRoot, generatedDir)}`);
}
