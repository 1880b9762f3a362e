// The pure rules: back-off between delivery attempts, money and time in messages, every template.
import assert from "node:assert/strict";
import { test } from "node:test";
import { nextAttemptDelaySeconds } from "../src/domain/delivery.ts";
import { formatMoney, formatTime, languages, notificationTypes, render } from "../src/domain/messages.ts";

void test("the back-off doubles per attempt up to its ceiling, and gives up after the last attempt", () => {
  const p = { baseSeconds: 5, maxSeconds: 60, maxAttempts: 6 };
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((n) => nextAttemptDelaySeconds(n, p)),
    [5, 10, 20, 40, 60, undefined],
  );
});

void test("amounts and times read the same in every language", () => {
  assert.equal(formatMoney(2550n, "EUR"), "25.50 EUR");
  assert.equal(formatMoney(5n, "CNY"), "0.05 CNY");
  assert.equal(formatMoney(-120n, "EUR"), "-1.20 EUR");
  assert.equal(formatTime(new Date("2026-11-25T03:31:06Z")), "2026-11-25 03:31 UTC");
});

void test("every type has a title and a body in every language, naming what it is about", () => {
  for (const type of notificationTypes) {
    for (const language of languages) {
      const { title, body } = render(type, language, { name: "N-42", detail: "" });
      assert.ok(title.length > 0, `${type} ${language}`);
      assert.ok(body.includes("N-42"), `${type} ${language}: ${body}`);
    }
  }
});
