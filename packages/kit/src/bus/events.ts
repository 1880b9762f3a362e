// Typed subscriptions: a consumer names the event types it handles (entries of the contracts'
// `events` table), and each delivery reaches the handler of its topic already decoded, checked
// against the schema. The topics subscribed to are exactly the handled ones.
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import type { EventType } from "@shop/contracts";
import { decodeEvent } from "./inbox.ts";
import type { Bus, Delivery, SubscribeOptions, Subscription } from "./port.ts";

export interface EventHandler {
  event: EventType;
  handle(delivery: Delivery): Promise<void>;
}

/** Handles events of type `event` with `handle`, which receives the decoded message. */
export function on<Desc extends DescMessage>(event: EventType<Desc>, handle: (message: MessageShape<Desc>, delivery: Delivery) => Promise<void>): EventHandler {
  return { event, handle: (delivery) => handle(decodeEvent(event.schema, delivery), delivery) };
}

/** Subscribes `group` to the topics of `handlers`; a delivery goes to the handler of its topic. */
export function subscribeEvents(bus: Bus, group: string, handlers: EventHandler[], options?: SubscribeOptions): Promise<Subscription> {
  const byTopic = new Map(handlers.map((h) => [h.event.topic, h]));
  if (byTopic.size !== handlers.length) throw new Error(`subscribe ${group}: two handlers for one topic`);
  return bus.subscribe(
    group,
    [...byTopic.keys()],
    (delivery) => {
      const handler = byTopic.get(delivery.topic);
      if (!handler) return Promise.reject(new Error(`${group} got ${delivery.topic}, which it did not subscribe to`));
      return handler.handle(delivery);
    },
    options,
  );
}
