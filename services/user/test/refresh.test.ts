// Refresh-token rotation, reuse detection (the whole family dies), expiry and logout.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";
import pg from "pg";
import { bearer, registerUser, rejectsWith, startUserService, type TestService } from "./helpers.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Waits until `n` of the service's queries wait for a lock: the interleaving a race test sets up. */
async function lockWaiters(t: TestService, n: number): Promise<void> {
  for (let polls = 0; ; polls++) {
    const { rows } = await t.sql("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
    if ((rows[0] as { n: number }).n >= n) return;
    assert.ok(polls < 500, `expected ${n} queries waiting for a lock`);
    await sleep(20);
  }
}

/**
 * Runs a refresh and a revocation so that they overlap: the test holds the user's row lock while
 * the refresh starts, then starts the revocation, and lets go once both are blocked in the
 * database. Whichever then wins, no token of the family may still work afterwards.
 */
async function raceRefreshWith(t: TestService, userId: string, refreshToken: string, revoke: () => Promise<unknown>) {
  const holder = new pg.Client({ connectionString: t.dbUrl });
  await holder.connect();
  try {
    await holder.query("begin");
    await holder.query("select 1 from users where id = $1 for update", [userId]);
    const refreshing = t.auth.refresh({ refreshToken }).then(
      (pair) => pair,
      () => undefined,
    );
    await lockWaiters(t, 1);
    const revoking = revoke().then(
      () => "ok",
      (e: unknown) => errorDetailOf(ConnectError.from(e))?.reason,
    );
    await lockWaiters(t, 2);
    await holder.query("commit");
    return { rotated: await refreshing, revoked: await revoking };
  } finally {
    await holder.end();
  }
}

void describe("user service: refresh tokens", () => {
  let t: TestService;
  before(async () => {
    t = await startUserService();
  });
  after(async () => t?.close());

  void it("stores refresh tokens only as their sha256", async () => {
    const a = await registerUser(t, "hash");
    const { rows } = await t.sql("select token_hash from refresh_tokens where user_id = $1", [a.user.id]);
    assert.deepEqual(rows, [{ token_hash: sha256(a.tokens.refreshToken) }]);
  });

  void it("rotates: each refresh spends the token and returns a new pair in the same family", async () => {
    const a = await registerUser(t, "rot");
    const first = await t.auth.refresh({ refreshToken: a.tokens.refreshToken });
    assert.notEqual(first.refreshToken, a.tokens.refreshToken);
    assert.notEqual(first.accessToken, a.tokens.accessToken);
    const second = await t.auth.refresh({ refreshToken: first.refreshToken });
    const { rows } = await t.sql("select count(distinct family_id)::int as families, count(*)::int as tokens from refresh_tokens where user_id = $1", [
      a.user.id,
    ]);
    assert.deepEqual(rows, [{ families: 1, tokens: 3 }]);
    assert.ok(second.refreshToken);
  });

  void it("revokes the whole family when a spent token comes back, including the token issued after it", async () => {
    const a = await registerUser(t, "reuse");
    const other = await t.auth.login({ login: a.username, password: a.password }); // another session
    const rotated = await t.auth.refresh({ refreshToken: a.tokens.refreshToken });
    await rejectsWith(t.auth.refresh({ refreshToken: a.tokens.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_REUSED");
    await rejectsWith(t.auth.refresh({ refreshToken: rotated.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    await rejectsWith(t.auth.refresh({ refreshToken: a.tokens.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    await t.auth.refresh({ refreshToken: other.refreshToken }); // the other session lives on
  });

  void it("lets only one of two concurrent refreshes of one token win, and then ends the family", async () => {
    const a = await registerUser(t, "race");
    const results = await Promise.allSettled([
      t.auth.refresh({ refreshToken: a.tokens.refreshToken }),
      t.auth.refresh({ refreshToken: a.tokens.refreshToken }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    assert.equal(won.length, 1);
    assert.equal(errorDetailOf(ConnectError.from(lost[0]!.reason))?.reason, "REFRESH_TOKEN_REUSED");
    await rejectsWith(t.auth.refresh({ refreshToken: won[0]!.value.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
  });

  void it("a logout racing a refresh leaves no usable token behind", async () => {
    const a = await registerUser(t, "raceOut");
    const { rotated, revoked } = await raceRefreshWith(t, a.user.id, a.tokens.refreshToken, () => t.auth.logout({ refreshToken: a.tokens.refreshToken }));
    assert.equal(revoked, "ok");
    if (rotated) await rejectsWith(t.auth.refresh({ refreshToken: rotated.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    const { rows } = await t.sql("select count(*)::int as n from refresh_tokens where user_id = $1 and revoked_at is null", [a.user.id]);
    assert.deepEqual(rows, [{ n: 0 }]);
  });

  void it("reuse detection racing a refresh of the family's live token leaves no usable token behind", async () => {
    const a = await registerUser(t, "raceReuse");
    const live = await t.auth.refresh({ refreshToken: a.tokens.refreshToken }); // a.tokens is now spent
    const { rotated, revoked } = await raceRefreshWith(t, a.user.id, live.refreshToken, () => t.auth.refresh({ refreshToken: a.tokens.refreshToken }));
    assert.equal(revoked, "REFRESH_TOKEN_REUSED");
    if (rotated) await rejectsWith(t.auth.refresh({ refreshToken: rotated.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    const { rows } = await t.sql("select count(*)::int as n from refresh_tokens where user_id = $1 and revoked_at is null", [a.user.id]);
    assert.deepEqual(rows, [{ n: 0 }]);
  });

  void it("a password change racing a refresh leaves no usable token behind", async () => {
    const a = await registerUser(t, "raceChpw");
    const { rotated, revoked } = await raceRefreshWith(t, a.user.id, a.tokens.refreshToken, () =>
      t.account.changePassword({ currentPassword: a.password, newPassword: "a new password" }, bearer(a.tokens.accessToken)),
    );
    assert.equal(revoked, "ok");
    if (rotated) await rejectsWith(t.auth.refresh({ refreshToken: rotated.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    const { rows } = await t.sql("select count(*)::int as n from refresh_tokens where user_id = $1 and revoked_at is null", [a.user.id]);
    assert.deepEqual(rows, [{ n: 0 }]);
  });

  void it("refuses unknown and expired tokens", async () => {
    await rejectsWith(t.auth.refresh({ refreshToken: "x".repeat(43) }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    const a = await registerUser(t, "exp");
    await t.sql("update refresh_tokens set expires_at = now() - interval '1 second' where token_hash = $1", [sha256(a.tokens.refreshToken)]);
    await rejectsWith(t.auth.refresh({ refreshToken: a.tokens.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
  });

  void it("logs out the token's session only, idempotently", async () => {
    const a = await registerUser(t, "out");
    const other = await t.auth.login({ login: a.username, password: a.password });
    const rotated = await t.auth.refresh({ refreshToken: a.tokens.refreshToken });
    await t.auth.logout({ refreshToken: rotated.refreshToken });
    await t.auth.logout({ refreshToken: rotated.refreshToken });
    await t.auth.logout({ refreshToken: "y".repeat(43) });
    await rejectsWith(t.auth.refresh({ refreshToken: rotated.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    await t.auth.refresh({ refreshToken: other.refreshToken });
  });

  void it("refuses a malformed token as invalid input", async () => {
    await rejectsWith(t.auth.refresh({ refreshToken: "short" }), Code.InvalidArgument, "INVALID_INPUT");
  });
});
