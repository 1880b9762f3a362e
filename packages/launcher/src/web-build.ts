// The web app's build (apps/web → apps/web/dist), the second step of `npm run build`: run only when a
// source is newer than the last build, into a folder of its own that is swapped in whole, so a
// gateway serving the old build never sees half of the new one. Each asset is also written gzipped
// and brotli-compressed beside itself, for the gateway to send as is.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as ViteModule from "vite";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
export const webRoot = join(repoRoot, "apps/web");
export const webDist = join(webRoot, "dist");
const stamp = join(webDist, ".built");
// What the bundle is made of: the app and the generated contracts it reads its types and routes from.
const sources = [join(webRoot, "src"), join(webRoot, "index.html"), join(webRoot, "vite.config.ts"), join(repoRoot, "packages/contracts/src")];

function newestUnder(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestUnder(join(path, name))), s.mtimeMs);
}

export const webIsStale = () => !existsSync(stamp) || Math.max(...sources.map(newestUnder)) > statSync(stamp).mtimeMs;

function precompress(dir: string): { files: number; jsGzipBytes: number } {
  let files = 0;
  let jsGzipBytes = 0;
  for (const name of readdirSync(dir)) {
    if (!/\.(js|css|svg|json)$/.test(name)) continue;
    const raw = readFileSync(join(dir, name));
    const gz = gzipSync(raw, { level: 9 });
    writeFileSync(join(dir, `${name}.gz`), gz);
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    if (name.endsWith(".js")) jsGzipBytes += gz.length;
    files++;
  }
  return { files, jsGzipBytes };
}

export interface WebBuild {
  built: boolean;
  ms: number;
  /** Every JavaScript chunk, gzipped (the first page loads only part of it). */
  jsGzipBytes?: number;
}

/** Builds the web app when stale; a missing Vite (a production install) keeps the build there is. */
export async function buildWeb(): Promise<WebBuild> {
  const started = performance.now();
  if (!webIsStale()) return { built: false, ms: performance.now() - started };
  let vite: typeof ViteModule;
  try {
    vite = await import("vite");
  } catch {
    if (!existsSync(webDist)) process.stderr.write("web: Vite is not installed (npm install), so the web app is not built; the API still runs\n");
    return { built: false, ms: performance.now() - started };
  }
  const out = join(webRoot, `.dist-${process.pid}.tmp`); // hidden, and ignored by the linters while it exists
  rmSync(out, { recursive: true, force: true });
  await vite.build({ root: webRoot, configFile: join(webRoot, "vite.config.ts"), logLevel: "warn", build: { outDir: out, emptyOutDir: true } });
  const { jsGzipBytes } = precompress(join(out, "assets"));
  writeFileSync(join(out, ".built"), new Date().toISOString());
  const old = join(webRoot, `.dist-${process.pid}.old`);
  try {
    if (existsSync(webDist)) renameSync(webDist, old);
    renameSync(out, webDist);
  } catch {
    rmSync(out, { recursive: true, force: true }); // another build swapped its own in at the same moment: as good
  }
  rmSync(old, { recursive: true, force: true });
  return { built: true, ms: performance.now() - started, jsGzipBytes };
}
