// Refresh-token rotation, reuse detection (the whole family dies), expiry and logout.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";
import { registerUser, rejectsWith, startUserService, type TestService } from "./helpers.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

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
