// One subscription on RabbitMQ: a channel with prefetch = concurrency consuming the group's queue
// with manual acks. A failed delivery is copied to the retry queue of its backoff step (or to the
// DLQ after maxAttempts) and only then acknowledged. A delivery the broker marks as redelivered was
// never acknowledged before (its consumer crashed or lost the connection): it counts as a failed
// attempt and goes round again, so a message that kills its consumers still ends in the DLQ.
// When the channel or the connection is lost, the subscription attaches itself again.
import type { Channel, ConsumeMessage, RecoveringChannelModel } from "amqplib";
import type { Logger } from "../log.ts";
import type { Publisher } from "./amqp-publisher.ts";
import { attemptOf, dlqName, hdr, retryQueue, toBusMessage, toDelivery, publishProperties } from "./amqp-topology.ts";
import { busMetrics, runHandler } from "./instrument.ts";
import { errorText, retryDelay, type ResolvedOptions } from "./options.ts";
import type { Handler, Subscription } from "./port.ts";

export interface AmqpConsumerSpec {
  conn: RecoveringChannelModel;
  publisher: Publisher;
  exchange: string;
  /** The queue: the group, or a name of its own for a per-instance group. */
  queue: string;
  /** The group as subscribed, for metrics. */
  metricGroup: string;
  patterns: string[];
  handler: Handler;
  options: ResolvedOptions;
  logger: Logger;
}

const reattachMs = 1000;

export async function startAmqpConsumer(spec: AmqpConsumerSpec): Promise<Subscription> {
  const { conn, publisher, queue, options: o, logger } = spec;
  const dlq = dlqName(queue);
  // A per-instance queue lives and dies with this process (exclusive: gone with the connection).
  const queueOptions = o.perInstance ? { durable: false, exclusive: true, autoDelete: true } : { durable: true };
  const inFlight = new Set<Promise<void>>();
  let channel: Channel | undefined;
  let consumerTag: string | undefined;
  let closed = false;
  let reattaching = false;

  const copy = (msg: ConsumeMessage, routingKey: string, attempt: number, extra?: Record<string, string>) =>
    publisher.publish("", routingKey, msg.content, publishProperties(toBusMessage(msg), attempt, extra));

  const deadLetter = async (msg: ConsumeMessage, attempt: number, error: string) => {
    await copy(msg, dlq, attempt, { [hdr.error]: error, [hdr.failedAt]: new Date().toISOString() });
    const m = toBusMessage(msg);
    busMetrics.deadLettered.inc({ topic: m.topic, group: spec.metricGroup });
    logger.warn({ group: queue, topic: m.topic, messageId: m.id, attempts: attempt, error }, "bus: message dead-lettered");
  };

  const settle = async (ch: Channel, msg: ConsumeMessage) => {
    const attempt = attemptOf(msg);
    if (msg.fields.redelivered) {
      if (attempt >= o.maxAttempts) await deadLetter(msg, attempt, `not acknowledged on attempt ${attempt} (consumer crashed or lost its connection)`);
      else await copy(msg, queue, attempt + 1);
      return ch.ack(msg);
    }
    const err = await runHandler(spec.handler, toDelivery(msg, queue, attempt), spec.metricGroup, o.timeoutMs);
    if (err !== undefined) {
      if (attempt >= o.maxAttempts) await deadLetter(msg, attempt, errorText(err));
      else {
        const retry = retryQueue(queue, retryDelay(o, attempt));
        await publisher.ensureQueue(retry.name, retry.options);
        await copy(msg, retry.name, attempt + 1, { [hdr.error]: errorText(err) });
      }
    }
    ch.ack(msg); // throws if the channel is gone: the broker redelivers (at least once)
  };

  const onMessage = (ch: Channel, msg: ConsumeMessage | null) => {
    if (msg === null) {
      // The broker cancelled us (the queue was deleted): declare and consume again.
      if (channel === ch) channel = undefined;
      void ch.close().catch(() => undefined);
      return scheduleAttach();
    }
    const done: Promise<void> = settle(ch, msg)
      .catch((err: unknown) => logger.warn({ err, group: queue }, "bus: settling a delivery failed; the broker will redeliver it"))
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  const attach = async () => {
    const ch = await conn.createChannel();
    ch.on("error", (err: Error) => logger.warn({ err, group: queue }, "bus: RabbitMQ consumer channel failed"));
    ch.on("close", () => {
      if (channel !== ch) return;
      channel = undefined;
      scheduleAttach();
    });
    try {
      await ch.prefetch(o.concurrency);
      await ch.assertExchange(spec.exchange, "topic", { durable: true });
      await ch.assertQueue(queue, queueOptions);
      await ch.assertQueue(dlq, queueOptions);
      for (const pattern of spec.patterns) await ch.bindQueue(queue, spec.exchange, pattern);
      channel = ch;
      consumerTag = (await ch.consume(queue, (msg) => onMessage(ch, msg), { noAck: false })).consumerTag;
      if (closed) throw new Error("subscription closed while attaching");
    } catch (err) {
      if (channel === ch) channel = undefined;
      await ch.close().catch(() => undefined);
      throw err;
    }
  };

  function scheduleAttach() {
    if (closed || reattaching) return;
    reattaching = true;
    setTimeout(() => {
      // createChannel waits for the connection to come back; bus.close() rejects it.
      attach().then(
        () => {
          reattaching = false;
          logger.info({ group: queue }, "bus: consumer attached again");
        },
        (err: unknown) => {
          reattaching = false;
          if (!closed) logger.warn({ err, group: queue }, "bus: attaching a consumer failed; trying again");
          scheduleAttach();
        },
      );
    }, reattachMs);
  }

  await attach();
  return {
    async close() {
      if (closed) return;
      closed = true;
      const ch = channel;
      channel = undefined;
      if (ch && consumerTag) await ch.cancel(consumerTag).catch(() => undefined);
      await Promise.all(inFlight);
      if (ch && o.perInstance) {
        await ch.deleteQueue(queue).catch(() => undefined);
        await ch.deleteQueue(dlq).catch(() => undefined);
      }
      await ch?.close().catch(() => undefined);
    },
  };
}
