// The transactional outbox (BLUEPRINT §5 rule 4): a service writes its change and the event that
// announces it in one transaction, so neither exists without the other. The relay
// (outbox-relay.ts) publishes what was committed.
import { toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { Executor } from "../db.ts";
import { currentTraceHeaders } from "./instrument.ts";
import { assertTopic } from "./topics.ts";

export interface OutboxEvent<Desc extends DescMessage> {
  topic: string;
  schema: Desc;
  message: MessageShape<Desc>;
  /** Deliver no earlier than this many seconds after the transaction wrote the event. */
  delaySeconds?: number;
}

/**
 * Writes the event (protobuf binary, UUIDv7 id, the current trace context) in `ex`: as intended,
 * the caller's transaction; the pool makes the insert its own. Returns the event's id.
 */
export async function enqueue<Desc extends DescMessage>(ex: Executor, event: OutboxEvent<Desc>): Promise<string> {
  assertTopic(event.topic);
  const delay = event.delaySeconds ?? 0;
  if (!(delay >= 0 && delay <= 366 * 86_400)) throw new Error(`bad delaySeconds ${delay}`);
  const id = uuidv7();
  const payload = Buffer.from(toBinary(event.schema, event.message));
  await ex.execute(sql`
    insert into kit_outbox (id, topic, type, payload, headers, delay_seconds)
    values (${id}, ${event.topic}, ${event.schema.typeName}, ${payload}, ${JSON.stringify(currentTraceHeaders())}::jsonb, ${delay})`);
  return id;
}
