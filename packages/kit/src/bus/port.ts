// The event bus port (docs/architecture.md#profiles-and-adapters): publish/subscribe by topic with
// consumer groups, at-least-once delivery, retries with backoff, a dead-letter queue that can be
// listed and replayed, and delayed delivery. Adapters: PostgreSQL queue tables (embedded profile)
// and RabbitMQ (SHOP_AMQP_URL).
// Services never publish directly: they write to the outbox in their transaction (outbox.ts) and
// the relay publishes; consumers are made idempotent by the inbox (inbox.ts).

/** A message as published. `id` is unique (UUIDv7) and is what consumers deduplicate on. */
export interface BusMessage {
  id: string;
  /** Dotted topic, e.g. `product.changed`. Subscriptions match exact topics or `*`/`#` patterns. */
  topic: string;
  /** Encoded event (protobuf binary of the message named by `type`). */
  payload: Uint8Array;
  /** Protobuf type name of the payload, e.g. `shop.product.v1.ProductChanged`. */
  type: string;
  /** W3C trace context and other metadata. */
  headers: Record<string, string>;
  /** ISO time the event happened (the outbox row's creation time). */
  occurredAt: string;
}

export interface PublishOptions {
  /** Deliver no earlier than this many seconds from now. */
  delaySeconds?: number;
}

export interface Delivery extends BusMessage {
  /** 1 on the first delivery to this group, then 2, 3, … */
  attempt: number;
  /** The group as named in the bus: for a per-instance subscription, the instance's own group. */
  group: string;
}

export interface SubscribeOptions {
  /** Deliveries before a message goes to the group's dead-letter queue. Default 30 (~25 minutes with the default backoff). */
  maxAttempts?: number;
  /** Backoff between attempts: first delay, doubled each time up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Messages handled at once by this process for this group. Default 8. */
  concurrency?: number;
  /** A handler still running after this long counts as failed (and is retried). Default 60 s. */
  timeoutMs?: number;
  /**
   * A group of its own per instance (every instance gets every message, e.g. cache invalidation),
   * removed when the subscription closes. Default false: instances of a group share the work.
   */
  perInstance?: boolean;
}

/** Resolves = acknowledged; throws = retried later (then dead-lettered after maxAttempts). */
export type Handler = (delivery: Delivery) => Promise<void>;

export interface Subscription {
  close(): Promise<void>;
}

export interface DeadLetter extends Delivery {
  /** Why the last attempt failed. */
  error: string;
  failedAt: string;
}

export interface Bus {
  publish(message: BusMessage, options?: PublishOptions): Promise<void>;
  subscribe(group: string, topics: string[], handler: Handler, options?: SubscribeOptions): Promise<Subscription>;
  /** Dead letters of a group, oldest first. */
  deadLetters(group: string, limit?: number): Promise<DeadLetter[]>;
  /** Puts dead letters back on the group's queue (attempts start again); returns how many. */
  replay(group: string, ids: string[]): Promise<number>;
  /** Resolves when the bus is reachable (readiness); throws with the reason otherwise. */
  ping(): Promise<void>;
  /** Closes every subscription (waiting for handlers in flight), then the connections. */
  close(): Promise<void>;
}
