// Without SHOP_INTERNAL_TOKEN every loopback caller counts as inside the system; that is safe only
// while nobody else can connect. A process bound beyond loopback without a token refuses to start.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { checkInternalTrust } from "@shop/kit/rpc/internal-trust";
import { startServiceProcess } from "@shop/testkit/process";
import { dropDatabases, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";

const dir = mkdtempSync(join(tmpdir(), "shop-bind-"));
const prefix = uniqueDbPrefix();
const env = { SHOP_BIND_HOST: "0.0.0.0", SHOP_INTERNAL_TOKEN: "", SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dir, SHOP_GATEWAY_HTTP_PORT: "0" };

before(() => requirePostgres());
after(async () => {
  await dropDatabases(prefix);
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `name` and expects it to exit before ready, saying why. */
async function refusesToStart(name: string): Promise<string> {
  const started = await startServiceProcess(name, env).then(
    async (svc) => {
      await svc.stop();
      return undefined;
    },
    (err: Error) => err.message,
  );
  assert.ok(started !== undefined, `${name} started on 0.0.0.0 without an internal token`);
  return started;
}

void test("a service bound to 0.0.0.0 without an internal token refuses to start, saying what to set", async () => {
  assert.match(await refusesToStart("user"), /SHOP_BIND_HOST=0\.0\.0\.0 .*SHOP_INTERNAL_TOKEN is not set/);
});

void test("the gateway refuses too", async () => {
  assert.match(await refusesToStart("gateway"), /SHOP_INTERNAL_TOKEN is not set/);
});

void test("loopback binds need no token; other binds need one", () => {
  for (const host of ["127.0.0.1", "::1", "localhost", "127.0.0.2"]) checkInternalTrust(host, "");
  for (const host of ["0.0.0.0", "::", "192.0.2.10"]) assert.throws(() => checkInternalTrust(host, ""), /SHOP_INTERNAL_TOKEN/);
  checkInternalTrust("0.0.0.0", "a-long-shared-secret");
});
