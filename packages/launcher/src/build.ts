// `npm run build` (also the first step of `npm start`): compiles every workspace's src/ into dist/ (same layout, so paths taken from
// import.meta.url keep working), which is what `npm start` and production run: no TypeScript
// loader in the services. Each file is transpiled on its own (the project is isolatedModules and
// verbatimModuleSyntax, so that is exact); type checking is `npm run typecheck`'s job. Only files
// whose source is newer than their output are compiled again, and outputs without a source are
// removed, so a build after a pull is quick and never runs stale code.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: true,
  rewriteRelativeImportExtensions: true,
};

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

const outputOf = (src: string, dist: string, file: string) => join(dist, relative(src, file)).replace(/\.ts$/, ".js");
const newer = (a: string, b: string) => !existsSync(b) || statSync(a).mtimeMs > statSync(b).mtimeMs;

/** Compiles one workspace; returns how many files were written. */
function buildWorkspace(root: string): number {
  const src = join(root, "src");
  const dist = join(root, "dist");
  let written = 0;
  const wanted = new Set<string>();
  for (const file of filesUnder(src)) {
    const out = outputOf(src, dist, file);
    wanted.add(out);
    if (!newer(file, out)) continue;
    mkdirSync(dirname(out), { recursive: true });
    // Written aside and renamed into place: a process starting from dist/ while another build runs
    // (tests build in parallel) reads the old file or the new one, never half of one.
    const aside = `${out}.${process.pid}.tmp`;
    if (file.endsWith(".ts")) {
      const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions, fileName: file });
      writeFileSync(aside, outputText);
    } else {
      copyFileSync(file, aside); // SQL migrations and other assets kept beside the code
    }
    renameSync(aside, out);
    written++;
  }
  if (existsSync(dist)) for (const out of filesUnder(dist)) if (!wanted.has(out) && !out.endsWith(".tmp")) rmSync(out, { force: true });
  return written;
}

/** Every workspace with a src/ folder (packages/* and services/*). */
export function workspaces(): string[] {
  return ["packages", "services"].flatMap((group) =>
    readdirSync(join(repoRoot, group), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(repoRoot, group, d.name, "src")))
      .map((d) => join(repoRoot, group, d.name)),
  );
}

export function build(): { workspaces: number; written: number; ms: number } {
  const started = performance.now();
  const roots = workspaces();
  const written = roots.reduce((n, root) => n + buildWorkspace(root), 0);
  return { workspaces: roots.length, written, ms: performance.now() - started };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = build();
  console.log(`build: ${r.written} file(s) compiled in ${r.workspaces} workspaces (${Math.round(r.ms)} ms)`);
  const { buildWeb } = await import("./web-build.ts");
  const w = await buildWeb();
  if (w.built) console.log(`build: web app built in ${Math.round(w.ms)} ms (JavaScript ${((w.jsGzipBytes ?? 0) / 1024).toFixed(0)} KB gzipped in all)`);
}
