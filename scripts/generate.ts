// `npm run generate`: writes the third-party protos, then `buf generate` into packages/contracts.
// The generated code is committed; test/contracts checks that running this changes nothing.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, writeProtoDeps } from "./proto-deps.ts";

writeProtoDeps();
const out = join(repoRoot, "packages/contracts/src/gen");
rmSync(out, { recursive: true, force: true });
const bin = (name: string) => join(repoRoot, "node_modules/.bin", name);
const env = { ...process.env, PATH: `${join(repoRoot, "node_modules/.bin")}:${process.env.PATH ?? ""}` };
execFileSync(bin("buf"), ["lint", "proto"], { cwd: repoRoot, stdio: "inherit", env });
execFileSync(bin("buf"), ["generate", "--exclude-path", "build/proto-deps/buf"], { cwd: repoRoot, stdio: "inherit", env });
console.log(`generated ${out}`);
