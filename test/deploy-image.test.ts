// What the Dockerfile's runtime stage holds is enough to run the services: the same files (the
// production install, the package files, runtimeFiles: dist/, migrations, proto) are laid out in a
// temporary folder, away from the repository's node_modules and sources, and the user service and
// the gateway are started from it against the machine's PostgreSQL; every other service's app
// module graph is loaded from it. No container engine exists here, so this stands in for `docker run`.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { productionInstall, productionPrune, runtimeFiles, workspaces } from "../deploy/src/dockerfile.ts";
import { repoRoot } from "../deploy/src/generate.ts";
import { services } from "../deploy/src/description.ts";

const image = mkdtempSync(join(tmpdir(), "shop-image-"));
const prefix = uniqueDbPrefix();
const children: ReturnType<typeof spawn>[] = [];

before(async () => {
  await requirePostgres();
  execFileSync("npm", ["run", "-s", "build"], { cwd: repoRoot, stdio: "ignore" });
  // prod-deps stage: package files, then the production install.
  for (const f of ["package.json", "package-lock.json", ...workspaces(repoRoot).map((w) => `${w}/package.json`)]) {
    mkdirSync(dirname(join(image, f)), { recursive: true });
    cpSync(join(repoRoot, f), join(image, f));
  }
  execFileSync("npm", [...productionInstall, "--prefer-offline"], { cwd: image, stdio: "ignore" });
  for (const p of productionPrune) rmSync(join(image, p), { recursive: true, force: true });
  // runtime stage: the COPY lines.
  for (const f of runtimeFiles(repoRoot)) cpSync(join(repoRoot, f.path), join(image, f.path), { recursive: true });
});

after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await dropDatabases(prefix);
  rmSync(image, { recursive: true, force: true });
});

/** Starts `node services/<name>/dist/main.js` in the image folder; resolves with its ports once it logs ready. */
function start(name: string, env: Record<string, string>): Promise<{ httpPort: number }> {
  const child = spawn(process.execPath, [`services/${name}/dist/main.js`], {
    cwd: image,
    // Only what a container would have: no NODE_OPTIONS or loaders from the test runner.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      SHOP_POSTGRES_URL: postgresUrl,
      SHOP_DB_PREFIX: prefix,
      SHOP_DATA_DIR: join(image, ".data"),
      SHOP_DB_POOL_MAX: "2",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready\n${stderr}`)), 60_000);
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}\n${stderr}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const entry = JSON.parse(line) as { ready?: boolean; httpPort?: number };
      if (entry.ready) {
        clearTimeout(timer);
        resolve({ httpPort: Number(entry.httpPort) });
      }
    });
  });
}

void test("the user service and the gateway start from the runtime stage's files alone", async () => {
  const user = await start("user", { SHOP_USER_HTTP_PORT: "0", SHOP_USER_GRPC_PORT: "0" });
  assert.equal((await fetch(`http://127.0.0.1:${user.httpPort}/readyz`)).status, 200);
  const gateway = await start("gateway", { SHOP_GATEWAY_HTTP_PORT: "0", SHOP_GATEWAY_OPS_PORT: "0" });
  const openapi = await (await fetch(`http://127.0.0.1:${gateway.httpPort}/openapi.json`)).text();
  // The proto comments reach the document only when proto/ is in the image.
  assert.match(openapi, /Exchanges a username or email and password for a token pair/);
});

void test("every service's code loads with the production dependencies only", () => {
  for (const s of services) {
    execFileSync(process.execPath, ["--input-type=module", "-e", `await import("./services/${s.name}/dist/app.js")`], {
      cwd: image,
      env: { PATH: process.env.PATH },
    });
  }
});
