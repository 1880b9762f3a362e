// The throttles under concurrency: many attempts sent at the same moment must not all be tried.
// Checking the budget and counting the attempt is one step, so exactly `limit` attempts reach the
// password check and every other one is refused before it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";
import { bearer, fromIp, startUserService, uniqueUser, type TestService } from "./helpers.ts";

const accountLimit = 5;
const ipLimit = 7;
const registerLimit = 4;
const attempts = 60;

let ipCounter = 0;
const freshIp = () => `198.18.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

/** How many calls ended with each reason ("ok" for a success). */
async function tally(calls: Promise<unknown>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of await Promise.allSettled(calls)) {
    const reason = r.status === "fulfilled" ? "ok" : (errorDetailOf(ConnectError.from(r.reason))?.reason ?? ConnectError.from(r.reason).message);
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}

void describe("user service: throttles under concurrent attempts", () => {
  let t: TestService;
  before(async () => {
    t = await startUserService({
      SHOP_LOGIN_MAX_FAILURES_PER_ACCOUNT: String(accountLimit),
      SHOP_LOGIN_MAX_FAILURES_PER_IP: String(ipLimit),
      SHOP_REGISTER_MAX_PER_IP: String(registerLimit),
    });
  });
  after(async () => t?.close());

  /** Registers from an IP of its own, so the registration throttle stays out of the way. */
  async function registerUser(base: string) {
    const input = uniqueUser(base);
    const res = await t.auth.register(input, fromIp(freshIp()));
    return { ...input, user: res.user!, tokens: res.tokens! };
  }

  void it(`lets exactly ${accountLimit} of ${attempts} simultaneous wrong logins for one account reach the password check`, async () => {
    const a = await registerUser("raceAcct");
    const calls = Array.from({ length: attempts }, () => t.auth.login({ login: a.username, password: "definitely wrong" }, fromIp(freshIp())));
    assert.deepEqual(await tally(calls), { INVALID_CREDENTIALS: accountLimit, LOGIN_THROTTLED: attempts - accountLimit });
    const { rows } = await t.sql("select count(*)::int as n from login_failures where scope = 'account' and key = $1", [`user:${a.user.id}`]);
    assert.deepEqual(rows, [{ n: accountLimit }]);
  });

  void it(`lets exactly ${ipLimit} of ${attempts} simultaneous wrong logins from one IP through`, async () => {
    const ip = "203.0.113.77";
    const calls = Array.from({ length: attempts }, (_, i) => t.auth.login({ login: `ghost-${i}`, password: "definitely wrong" }, fromIp(ip)));
    assert.deepEqual(await tally(calls), { INVALID_CREDENTIALS: ipLimit, LOGIN_THROTTLED: attempts - ipLimit });
  });

  void it(`lets exactly ${accountLimit} of ${attempts} simultaneous wrong ChangePassword calls check the password`, async () => {
    const a = await registerUser("raceChpw");
    const calls = Array.from({ length: attempts }, () =>
      t.account.changePassword(
        { currentPassword: "not the password", newPassword: "whatever new" },
        bearer(a.tokens.accessToken, { "x-shop-client-ip": freshIp() }),
      ),
    );
    assert.deepEqual(await tally(calls), { WRONG_PASSWORD: accountLimit, LOGIN_THROTTLED: attempts - accountLimit });
  });

  void it("a successful login does not use up the IP's budget", async () => {
    const ip = "203.0.113.78";
    const a = await registerUser("raceOk");
    for (let i = 0; i < ipLimit + 3; i++) await t.auth.login({ login: a.username, password: a.password }, fromIp(ip));
  });

  void it(`throttles registrations per IP: exactly ${registerLimit} of ${attempts} simultaneous ones are tried`, async () => {
    const ip = "203.0.113.79";
    const calls = Array.from({ length: attempts }, () => t.auth.register(uniqueUser("raceReg"), fromIp(ip)));
    const counts = await tally(calls);
    assert.deepEqual(counts, { ok: registerLimit, REGISTER_THROTTLED: attempts - registerLimit });
    const err = await t.auth.register(uniqueUser("raceReg"), fromIp(ip)).then(
      () => assert.fail("throttled"),
      (e: unknown) => ConnectError.from(e),
    );
    assert.equal(err.code, Code.ResourceExhausted);
    assert.ok(errorDetailOf(err)!.retryAfterSeconds > 0);
    await t.auth.register(uniqueUser("raceReg"), fromIp(freshIp()));
  });
});
