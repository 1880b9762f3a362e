// A short chaos run (test/chaos/run.ts): about a minute of shoppers and a flash-sale crowd on two
// instances of every service of the checkout (one of the others) while one instance of each of those
// and a gateway is killed and restarted and PostgreSQL, Redis and RabbitMQ are each cut and hung;
// then the checker finds nothing wrong in any database. It holds both whole-shop slots: its 22
// processes are a whole machine's worth.
import assert from "node:assert/strict";
import { appendFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { takeSlot } from "@shop/testkit/slots";
import { formatReport } from "./chaos/report.ts";
import { chaosOptions, runChaos } from "./chaos/run.ts";

// Both whole-shop slots, taken before the test so that waiting for them is not counted in its time.
const releases: (() => void)[] = [];
before(async () => {
  releases.push(await takeSlot("stack", 2));
  releases.push(await takeSlot("stack", 2));
});
after(() => releases.forEach((release) => release()));

void test("a short chaos run: every fault kind happens, the system recovers, and the checker finds no violation", { timeout: 900_000 }, async (t) => {
  // CI shows only part of a long failure message: what went wrong comes first, and the whole log is
  // kept in a file, written as it goes so that a run stopped by the timeout leaves it too.
  const logFile = join(tmpdir(), "shop-chaos-test.log");
  writeFileSync(logFile, "");
  const lines: string[] = [];
  const result = await runChaos({
    ...chaosOptions({ durationS: 75, shoppers: 6, saleCrowd: 20, cutS: 4, hangS: 5, restartAfterS: 2, gapS: 3, settleS: 150 }),
    signal: t.signal,
    log: (line) => {
      lines.push(line);
      appendFileSync(logFile, `${new Date().toISOString().slice(11, 19)} ${line}\n`);
    },
  });
  const faultLines = lines.filter((l) => l.startsWith("fault ") || l.startsWith("settl") || l.startsWith("not settled"));
  const report = `${faultLines.join("\n")}\n(whole log: ${logFile})\n${formatReport(result)}`;
  const kinds = new Set(result.faults.map((f) => f.kind));
  assert.deepEqual([...kinds].sort(), ["cut", "hang", "kill"], report);
  for (const dep of ["postgres", "redis", "rabbitmq"]) {
    assert.ok(
      result.faults.some((f) => f.kind === "cut" && f.target === dep),
      `${dep} was cut\n${report}`,
    );
    assert.ok(
      result.faults.some((f) => f.kind === "hang" && f.target === dep),
      `${dep} hung\n${report}`,
    );
  }
  assert.ok(result.faults.filter((f) => f.kind === "kill").length >= 9, `an instance of every service and a gateway restarted\n${report}`);
  assert.ok(result.ledger.placed.size > 0 && result.ledger.toldPaid.size > 0, `orders were placed and paid\n${report}`);
  assert.deepEqual(
    result.faults.filter((f) => f.recoveryMs === undefined).map((f) => `${f.kind} ${f.target}`),
    [],
    `every fault recovered\n${report}`,
  );
  assert.deepEqual(result.violations, [], report);
});
