// The inbox (house rule 4, docs/architecture.md): a consumer records the id of each message it
// applies in the same transaction as the change, so a redelivered message (at-least-once) is
// applied once.
import { fromBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../db.ts";
import type { Delivery, Handler } from "./port.ts";

/**
 * A handler that runs `work` at most once per message id for `group` (the consumer's name in this
 * database, normally its subscription group). A concurrent second delivery waits on the first's
 * row and then finds it handled. Per-instance subscriptions should not use it: their instances
 * share one database, and each must apply the message itself.
 */
export function idempotentHandler(db: Db, group: string, work: (delivery: Delivery, tx: Tx) => Promise<void>): Handler {
  return (delivery) =>
    db.transaction(async (tx) => {
      const first = await tx.execute(sql`insert into kit_inbox (grp, message_id) values (${group}, ${delivery.id}) on conflict do nothing`);
      if (first.rowCount === 0) return; // applied before: acknowledge and do nothing
      await work(delivery, tx);
    });
}

/** The event in a delivery, after checking it is the type the consumer expects. */
export function decodeEvent<Desc extends DescMessage>(schema: Desc, delivery: Delivery): MessageShape<Desc> {
  if (delivery.type !== schema.typeName) {
    throw new Error(`message ${delivery.id} on ${delivery.topic} is ${delivery.type}, expected ${schema.typeName}`);
  }
  return fromBinary(schema, delivery.payload);
}
