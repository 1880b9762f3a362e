// Child process for the bus contract test: subscribes, applies the first message it gets through
// the inbox (committed), says so, and then hangs before acknowledging, until the test SIGKILLs it.
import { idempotentHandler } from "@shop/kit/bus/inbox";
import { applyEffect, openBus, openServiceDb, type BusSpec } from "./bus.ts";

const {
  bus: spec,
  serverUrl,
  serviceDb,
  group,
  pattern,
} = JSON.parse(process.argv[2]!) as {
  bus: BusSpec;
  serverUrl: string;
  serviceDb: string;
  group: string;
  pattern: string;
};
const db = await openServiceDb(serverUrl, serviceDb);
const bus = await openBus(spec);
const apply = idempotentHandler(db, group, (delivery, tx) => applyEffect(tx, delivery.id));
await bus.subscribe(group, [pattern], async (delivery) => {
  await apply(delivery);
  process.stdout.write(`${JSON.stringify({ applied: delivery.id, attempt: delivery.attempt })}\n`);
  await new Promise(() => undefined); // never acknowledges
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
