// Login throttling per account and per client IP, counted in PostgreSQL, with limits taken from
// the config file on every call (an edit applies without a restart).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";
import { fromIp, registerUser, rejectsWith, startUserService, type TestService } from "./helpers.ts";

const limits = (perAccount: number) => `login:\n  maxFailuresPerAccount: ${perAccount}\n  maxFailuresPerIp: 6\n  windowSeconds: 60\n`;

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

void describe("user service: login throttle", () => {
  let t: TestService;
  const configFile = join(mkdtempSync(join(tmpdir(), "shop-user-config-")), "shop.config.yaml");
  before(async () => {
    writeFileSync(configFile, limits(3));
    t = await startUserService({ SHOP_CONFIG_FILE: configFile });
  });
  after(async () => {
    rmSync(dirname(configFile), { recursive: true, force: true });
    await t?.close();
  });

  async function fail(login: string, ip: string) {
    await rejectsWith(t.auth.login({ login, password: "definitely wrong" }, fromIp(ip)), Code.Unauthenticated, "INVALID_CREDENTIALS");
  }

  void it("throttles an account after its failures, before checking the password, across its username and email", async () => {
    const a = await registerUser(t, "thrA");
    for (let i = 0; i < 3; i++) await fail(i % 2 ? a.email : a.username, freshIp());
    for (const login of [a.username, a.email]) {
      const err = await rejectsWith(t.auth.login({ login, password: a.password }, fromIp(freshIp())), Code.ResourceExhausted, "LOGIN_THROTTLED");
      const detail = errorDetailOf(err)!;
      assert.ok(detail.retryAfterSeconds > 0 && detail.retryAfterSeconds <= 60, `retryAfterSeconds ${detail.retryAfterSeconds}`);
      assert.equal(detail.metadata.scope, "account");
    }
  });

  void it("throttles a login name that matches no account the same way", async () => {
    for (let i = 0; i < 3; i++) await fail("ghost-user", freshIp());
    await rejectsWith(t.auth.login({ login: "ghost-user", password: "whatever1" }, fromIp(freshIp())), Code.ResourceExhausted, "LOGIN_THROTTLED");
  });

  void it("clears an account's failures on a successful login", async () => {
    const b = await registerUser(t, "thrB");
    for (let round = 0; round < 2; round++) {
      await fail(b.username, freshIp());
      await fail(b.username, freshIp());
      await t.auth.login({ login: b.username, password: b.password }, fromIp(freshIp()));
    }
  });

  void it("throttles an IP after its failures across accounts, and only that IP", async () => {
    const c = await registerUser(t, "thrC");
    const ip = "203.0.113.9";
    for (let i = 0; i < 6; i++) await fail(`nobody-${i}`, ip);
    const err = await rejectsWith(t.auth.login({ login: c.username, password: c.password }, fromIp(ip)), Code.ResourceExhausted, "LOGIN_THROTTLED");
    const detail = errorDetailOf(err)!;
    assert.equal(detail.metadata.scope, "ip");
    assert.ok(detail.retryAfterSeconds > 0 && detail.retryAfterSeconds <= 60);
    await t.auth.login({ login: c.username, password: c.password }, fromIp(freshIp()));
  });

  void it("keeps the failures in PostgreSQL, one row per scope", async () => {
    const { rows } = await t.sql("select scope, count(*)::int as n from login_failures where key = $1 group by scope", ["203.0.113.9"]);
    assert.deepEqual(rows, [{ scope: "ip", n: 6 }]);
  });

  void it("applies a raised limit from the config file without a restart", async () => {
    const d = await registerUser(t, "thrD");
    for (let i = 0; i < 3; i++) await fail(d.username, freshIp());
    await rejectsWith(t.auth.login({ login: d.username, password: d.password }, fromIp(freshIp())), Code.ResourceExhausted, "LOGIN_THROTTLED");
    writeFileSync(configFile, limits(10));
    for (let waited = 0; ; waited += 250) {
      const ok = await t.auth.login({ login: d.username, password: d.password }, fromIp(freshIp())).then(
        () => true,
        () => false,
      );
      if (ok) break;
      assert.ok(waited < 5000, "the new limit was not applied within 5 s");
      await sleep(250);
    }
  });
});
