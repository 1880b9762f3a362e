// `npm run shop -- dead-letters <group>` and `replay <group> <id…|--all>` against both buses, as an
// admin runs them: a separate process reading the same configuration as the services.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { v7 as uuidv7 } from "uuid";
import { sourceNodeArgs } from "@shop/kit/entry";
import { createBus } from "@shop/kit/bus/create";
import type { Delivery } from "@shop/kit/bus/port";
import { platformSchema } from "@shop/kit/platform";
import { repoRoot } from "@shop/testkit/process";
import { amqpUrl, deleteAmqpObjects, requireRabbitMq } from "@shop/testkit/rabbitmq";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { waitFor } from "@shop/testkit/wait";
import { quietLogger as logger } from "./helpers/bus.ts";

const prefix = uniqueDbPrefix();
const group = `${prefix}cli`.replace(/_/g, ".");
after(() => dropDatabases(prefix));
after(() => deleteAmqpObjects([group, `${group}.dlq`], []).catch(() => undefined));

async function shop(env: Record<string, string>, ...args: string[]) {
  const run = promisify(execFile);
  const { stdout } = await run(process.execPath, [...sourceNodeArgs, join(repoRoot, "packages/launcher/src/main.ts"), ...args], {
    cwd: repoRoot,
    env: { ...process.env, SHOP_POSTGRES_URL: postgresUrl, SHOP_DB_PREFIX: prefix, SHOP_AMQP_URL: "", ...env },
  });
  return stdout;
}

for (const [name, env] of [
  ["PostgreSQL", {}],
  ["RabbitMQ", { SHOP_AMQP_URL: amqpUrl }],
] as const) {
  void test(`${name}: dead-letters lists a group's dead letters and replay puts them back`, async (t) => {
    await requirePostgres();
    if (env.SHOP_AMQP_URL) await requireRabbitMq();
    const config = platformSchema.parse({ postgresUrl, dbPrefix: prefix, amqpUrl: env.SHOP_AMQP_URL ?? "" });
    const bus = await createBus(config, logger);
    t.after(() => bus.close());
    let healed = false;
    const handled: Delivery[] = [];
    await bus.subscribe(group, ["cli.*"], (d) => (healed ? Promise.resolve(void handled.push(d)) : Promise.reject(new Error("downstream unavailable"))), {
      maxAttempts: 1,
    });
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    for (const id of ids)
      await bus.publish({ id, topic: "cli.failed", type: "test.v1.Event", payload: new Uint8Array([1]), headers: {}, occurredAt: new Date().toISOString() });
    await waitFor("three dead letters", async () => (await bus.deadLetters(group)).length === 3);

    const listing = await shop(env, "dead-letters", group);
    const lines = listing.trim().split("\n");
    assert.match(lines[0]!, /^id\s+topic\s+attempts\s+failed at\s+error$/);
    assert.deepEqual(
      lines
        .slice(1)
        .map((l) => l.split(/\s+/)[0])
        .sort(),
      [...ids].sort(),
    );
    assert.ok(
      lines.slice(1).every((l) => / cli\.failed +1 +\S+Z +Error: downstream unavailable$/.test(l)),
      listing,
    );

    healed = true;
    assert.equal(await shop(env, "replay", group, ids[0]!), `replayed 1 dead letter(s) of ${group}\n`);
    await waitFor("the replayed message", () => handled.some((d) => d.id === ids[0]));
    assert.equal(await shop(env, "replay", group, "--all"), `replayed 2 dead letter(s) of ${group}\n`);
    await waitFor("all handled", () => handled.length === 3);
    assert.deepEqual(await bus.deadLetters(group), []);
  });
}
