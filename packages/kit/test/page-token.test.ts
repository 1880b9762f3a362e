// The page-token scheme every list uses: opaque, bound to its query, and anything else a client
// sends back is INVALID_ARGUMENT (a 400 at the gateway) with reason INVALID_PAGE_TOKEN.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { AppError, errorDetailOf, toConnectError } from "@shop/kit/errors";
import { decodePageToken, encodePageToken, queryFingerprint, type CursorKeyType } from "@shop/kit/page-token";

const id = "0190a4f0-0000-7000-8000-000000000001";
const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function refused(token: string, fingerprint: string, keyType: CursorKeyType): void {
  let thrown: unknown;
  try {
    decodePageToken(token, fingerprint, keyType);
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown instanceof AppError, `token ${token} was accepted`);
  const wire = toConnectError(thrown);
  assert.equal(wire.code, Code.InvalidArgument);
  assert.equal(errorDetailOf(wire)?.reason, "INVALID_PAGE_TOKEN");
  assert.equal(errorDetailOf(wire)?.violations[0]?.field, "pageToken");
}

void describe("page tokens", () => {
  const fp = queryFingerprint({ filter: { brands: ["acme"] }, sort: "price_asc" });

  void it("round-trips a cursor, and an empty token is the first page", () => {
    assert.deepEqual(decodePageToken(encodePageToken(fp, { key: 1299, id }), fp, "number"), { key: 1299, id });
    assert.deepEqual(decodePageToken(encodePageToken(fp, { key: "", id }), fp, "string"), { key: "", id });
    assert.equal(decodePageToken("", fp, "string"), undefined);
  });

  void it("is opaque: no id or key in clear text", () => {
    const token = encodePageToken(fp, { key: "2026-01-01", id });
    assert.match(token, /^[A-Za-z0-9_-]+$/);
    assert.ok(!token.includes(id) && !token.includes("2026"));
  });

  void it("refuses a token of another query, even one that differs only in the sort", () => {
    const other = queryFingerprint({ filter: { brands: ["acme"] }, sort: "price_desc" });
    assert.notEqual(other, fp);
    refused(encodePageToken(other, { key: 1, id }), fp, "number");
  });

  void it("refuses garbage and tampered tokens", () => {
    for (const token of [
      "garbage!",
      "bm90LWEtdXVpZA",
      b64("{}"),
      b64([fp, 1]),
      b64([fp, 1, "not-a-uuid"]),
      b64([fp, "x".repeat(65), id]),
      b64([fp, 1, id, "extra"]),
    ]) {
      refused(token, fp, "string");
    }
    refused(encodePageToken(fp, { key: "1299", id }), fp, "number"); // a key of the wrong type
    refused(b64(`["${fp}",1e999,"${id}"]`), fp, "number"); // not a finite number
  });

  void it("checks the key against the sort's type before it reaches SQL: integers and timestamps", () => {
    for (const key of [0, -3, 1299, Number.MAX_SAFE_INTEGER]) assert.deepEqual(decodePageToken(encodePageToken(fp, { key, id }), fp, "integer"), { key, id });
    for (const key of [1.5, 1e30, -1e300, "12"]) refused(encodePageToken(fp, { key, id }), fp, "integer");
    // What the lists issue (Date#toISOString) and what the search index issues (timestamptz::text).
    for (const key of ["2026-11-24T13:41:37.123Z", "2026-11-24 13:41:37.123456+00", "2024-02-29 00:00:00+05:30", "2026-01-01T00:00:00-0800"]) {
      assert.deepEqual(decodePageToken(encodePageToken(fp, { key, id }), fp, "timestamp"), { key, id });
    }
    for (const key of [
      "yesterday",
      "1",
      "",
      "2026-02-30T00:00:00Z",
      "2025-02-29T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "2026-01-01T24:00:00Z",
      "2026-01-01T00:00:00+99",
      "2026-01-01T00:00:00",
      1700000000,
    ]) {
      refused(encodePageToken(fp, { key, id }), fp, "timestamp");
    }
  });
});
