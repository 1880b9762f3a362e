// RabbitMQ names, queue arguments and message properties of the bus.
//
//   <exchange> (topic, durable)            every event, routed by topic to the group queues
//   <group>                                a durable queue per group, bound with the group's patterns
//   <group>.retry.<ms>                     TTL queue dead-lettering back into <group>: one per backoff step
//   <group>.dlq                            the group's dead letters, kept until replayed
//   <exchange>.delay (headers)             delayed publishes, routed by delay to ...
//   <exchange>.delay.<ms>                  TTL queues dead-lettering into <exchange> with the topic kept
//
// A queue holds one TTL so that expiry is FIFO (RabbitMQ expires only at the head of a queue).
// TTL queues expire a minute after their last declaration outlives their TTL, so unused steps vanish.
import type { Message, Options } from "amqplib";
import type { BusMessage, DeadLetter, Delivery } from "./port.ts";

export const hdr = {
  topic: "x-shop-topic",
  occurredAt: "x-shop-occurred-at",
  /** The delivery number the message is on its way to (absent: 1). */
  attempt: "x-shop-attempt",
  error: "x-shop-error",
  failedAt: "x-shop-failed-at",
  /** Headers-exchange key of the delay queues (x- headers are ignored for matching). */
  delay: "shop-delay-ms",
} as const;

/** Headers of the bus itself and of the broker's dead-lettering, not the publisher's. */
const internal = (key: string) => key.startsWith("x-shop-") || key === hdr.delay || /^x-(death|first-death-|last-death-)/.test(key);

export const dlqName = (queue: string) => `${queue}.dlq`;
export const delayExchange = (exchange: string) => `${exchange}.delay`;

export interface QueueSpec {
  name: string;
  options: Options.AssertQueue;
}

/** How long a TTL queue outlives its last declaration; publishers re-declare well within it. */
const graceMs = 60_000;

export function retryQueue(queue: string, ms: number): QueueSpec {
  return {
    name: `${queue}.retry.${ms}`,
    options: { durable: true, messageTtl: ms, deadLetterExchange: "", deadLetterRoutingKey: queue, expires: ms + graceMs },
  };
}

export function delayQueue(exchange: string, ms: number): QueueSpec {
  return { name: `${delayExchange(exchange)}.${ms}`, options: { durable: true, messageTtl: ms, deadLetterExchange: exchange, expires: ms + graceMs } };
}

/**
 * Delays are rounded up (never early) to a grid that keeps the number of delay queues small:
 * 100 ms below a minute, 1 s below an hour, 1 min beyond.
 */
export function delayGridMs(delaySeconds: number): number {
  const ms = Math.max(0, delaySeconds * 1000);
  const step = ms < 60_000 ? 100 : ms < 3_600_000 ? 1000 : 60_000;
  return Math.ceil(ms / step) * step;
}

export function publishProperties(m: BusMessage, attempt: number, extra: Record<string, string> = {}): Options.Publish {
  return {
    persistent: true,
    messageId: m.id,
    type: m.type,
    contentType: "application/x-protobuf",
    timestamp: Math.floor(Date.parse(m.occurredAt) / 1000),
    headers: { ...m.headers, [hdr.topic]: m.topic, [hdr.occurredAt]: m.occurredAt, [hdr.attempt]: attempt, ...extra },
  };
}

/** Header and property values as text (the broker hands back long strings as Buffers in some cases). */
const text = (v: unknown): string =>
  typeof v === "string" ? v : Buffer.isBuffer(v) ? v.toString("utf8") : typeof v === "number" || typeof v === "boolean" ? String(v) : "";

export function toBusMessage(msg: Message): BusMessage {
  const h: Record<string, unknown> = msg.properties.headers ?? {};
  const headers = Object.fromEntries(
    Object.entries(h)
      .filter(([k]) => !internal(k))
      .map(([k, v]) => [k, text(v)]),
  );
  return {
    id: text(msg.properties.messageId),
    topic: text(h[hdr.topic] ?? msg.fields.routingKey),
    type: text(msg.properties.type),
    payload: new Uint8Array(msg.content.buffer, msg.content.byteOffset, msg.content.byteLength),
    headers,
    occurredAt: text(h[hdr.occurredAt]),
  };
}

export function attemptOf(msg: Message): number {
  const n = Number(msg.properties.headers?.[hdr.attempt] ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function toDelivery(msg: Message, group: string, attempt = attemptOf(msg)): Delivery {
  return { ...toBusMessage(msg), attempt, group };
}

export const contentOf = (m: BusMessage) => Buffer.from(m.payload.buffer, m.payload.byteOffset, m.payload.byteLength);

export function toDeadLetter(msg: Message, group: string): DeadLetter {
  const h: Record<string, unknown> = msg.properties.headers ?? {};
  return { ...toDelivery(msg, group), error: text(h[hdr.error]), failedAt: text(h[hdr.failedAt]) };
}
