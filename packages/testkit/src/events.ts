// Publishes a contract event on a bus as a service's outbox relay would: a test stands in for the
// service that announces it.
import { toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import type { EventType } from "@shop/contracts";
import type { Bus } from "@shop/kit/bus/port";
import { v7 } from "uuid";

/** The message's id (`id`, or a new one): publish it again with the same id to test a redelivery. */
export async function publishEvent<Desc extends DescMessage>(bus: Bus, event: EventType<Desc>, message: MessageShape<Desc>, id = v7()): Promise<string> {
  await bus.publish({
    id,
    topic: event.topic,
    type: event.schema.typeName,
    payload: toBinary(event.schema, message),
    headers: {},
    occurredAt: new Date().toISOString(),
  });
  return id;
}
