// The page-token scheme every list uses: opaque, bound to its query, and anything else a client
// sends back is INVALID_ARGUMENT (a 400 at the gateway) with reason INVALID_PAGE_TOKEN.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { AppError, errorDetailOf, toConnectError } from "@shop/kit/errors";
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";

const id = "0190a4f0-0000-7000-8000-000000000001";
const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function refused(token: string, fingerprint: string, keyType: "string" | "number"): void {
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
});
