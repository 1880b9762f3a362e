// The ledger's legs as data: every kind of entry moves money between two accounts, one of them the
// shopper's wallet, and sums to zero for any amount.
import assert from "node:assert/strict";
import { test } from "node:test";
import { entryLegs, type EntryKind } from "../src/domain/ledger.ts";

void test("every entry kind balances and touches the wallet once, in the direction the kind says", () => {
  const expected: Record<EntryKind, number> = { top_up: 1, payment: -1, refund: 1 };
  for (const [kind, legs] of Object.entries(entryLegs) as [EntryKind, (typeof entryLegs)[EntryKind]][]) {
    assert.equal(
      legs.reduce((sum, l) => sum + l.sign, 0),
      0,
      kind,
    );
    assert.equal(legs.filter((l) => l.account === "wallet").length, 1, kind);
    assert.equal(legs.find((l) => l.account === "wallet")!.sign, expected[kind], kind);
  }
});
