// `npm run chaos`: a bounded chaos run against a cluster of this machine's processes (see README,
// "Chaos"). Prints what it did and what the checker found; exits 1 on any violation.
import { formatReport } from "./report.ts";
import { chaosOptions, runChaos } from "./run.ts";

const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

try {
  const result = await runChaos({
    ...chaosOptions({ durationS: 120, shoppers: 20, saleCrowd: 40, cutS: 20, hangS: 10, restartAfterS: 3, gapS: 4, settleS: 180 }),
    log,
  });
  process.stdout.write(`${formatReport(result)}\n`);
  for (const c of result.crashes) process.stdout.write(`\n--- ${c.service}#${c.index} crashed (${c.code}):\n${c.tail}\n`);
  process.exitCode = result.violations.length ? 1 : 0;
} catch (err) {
  process.stderr.write(`chaos run failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 2;
}
