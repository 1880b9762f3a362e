// The log level and the login throttle follow an edit of the config file, without a restart.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code } from "@connectrpc/connect";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { clientsFor, fastHashing, fromIp, rejectsWith, uniqueUser, type UserClients } from "../services/user/test/helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "shop-reload-"));
const file = join(dir, "shop.config.yaml");
const prefix = uniqueDbPrefix();
let svc: ServiceProcess;
let user: UserClients;

before(async () => {
  await requirePostgres();
  writeFileSync(file, "logLevel: info\nlogin:\n  maxFailuresPerIp: 1000\n");
  svc = await startServiceProcess("user", { SHOP_CONFIG_FILE: file, SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dir, SHOP_LOG_LEVEL: "", ...fastHashing });
  user = clientsFor(`http://127.0.0.1:${svc.httpPort}`);
});

after(async () => {
  await svc?.stop();
  await dropDatabases(prefix);
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await sleep(100);
  }
  assert.fail(`not seen within 5 s: ${what}`);
}

void test("logLevel: debug in the file turns on per-RPC debug lines", async () => {
  await user.auth.getJwks({});
  assert.equal(svc.logs.filter((l) => l.msg === "rpc").length, 0, "no debug lines at info");
  writeFileSync(file, "logLevel: debug\nlogin:\n  maxFailuresPerIp: 1000\n");
  await until(async () => {
    await user.auth.getJwks({});
    return svc.logs.some((l) => l.msg === "rpc" && l.level === "debug");
  }, "a debug line after the edit");
});

void test("a lower per-IP login limit in the file applies to the next attempts", async () => {
  const victim = uniqueUser("reload");
  await user.auth.register(victim);
  writeFileSync(file, "logLevel: info\nlogin:\n  maxFailuresPerIp: 2\n");
  await sleep(1200); // the file is polled every 500 ms
  const wrong = () => user.auth.login({ login: victim.username, password: "not the password" }, fromIp("203.0.113.9"));
  await rejectsWith(wrong(), Code.Unauthenticated, "INVALID_CREDENTIALS");
  await rejectsWith(wrong(), Code.Unauthenticated, "INVALID_CREDENTIALS");
  await rejectsWith(wrong(), Code.ResourceExhausted, "LOGIN_THROTTLED");
});
