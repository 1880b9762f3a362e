// The event bus on RabbitMQ (SHOP_AMQP_URL): names and routes in amqp-topology.ts, publishing
// with confirms in amqp-publisher.ts, consuming in amqp-consumer.ts. The connection recovers by
// itself (amqplib's recovery: backoff with jitter); channels and consumers are opened again on it.
import { connect, type Channel, type GetMessage } from "amqplib";
import type { Logger } from "../log.ts";
import { startAmqpConsumer } from "./amqp-consumer.ts";
import { createPublisher, withTimeout } from "./amqp-publisher.ts";
import { contentOf, delayExchange, delayGridMs, delayQueue, dlqName, hdr, publishProperties, toBusMessage, toDeadLetter } from "./amqp-topology.ts";
import { busMetrics } from "./instrument.ts";
import { planSubscription } from "./options.ts";
import type { Bus, DeadLetter, Subscription } from "./port.ts";
import { assertTopic } from "./topics.ts";

export interface AmqpBusOptions {
  url: string;
  logger: Logger;
  /** The topic exchange every event goes through. Default `shop.events`. */
  exchange?: string;
  /** Names the connection in the broker's management views. */
  connectionName?: string;
  /** The heartbeat asked of the broker (a `heartbeat` in the URL wins). Default 5. */
  heartbeatSeconds?: number;
}

/** Bounds a scan of a dead-letter queue (replay looks at every message once). */
const maxScan = 10_000;

export async function createAmqpBus(opts: AmqpBusOptions): Promise<Bus> {
  const { logger } = opts;
  const exchange = opts.exchange ?? "shop.events";
  // Heartbeats every 5 s find a hung broker (accepts, never answers) in 10-15 s: the connection is
  // dropped and recovered; a connect (TCP and the AMQP handshake) not done within 2 s is tried again.
  const url = new URL(opts.url);
  if (!url.searchParams.has("heartbeat")) url.searchParams.set("heartbeat", String(opts.heartbeatSeconds ?? 5));
  const conn = await connect(url.toString(), {
    clientProperties: { connection_name: opts.connectionName ?? "shop-bus" },
    timeout: 2_000,
    // Steady state retries for ever (capped at 5 s between tries); a start against a broker that is
    // not there fails after a few seconds instead.
    recovery: { initialDelay: 200, maxDelay: 5000, initialMaxRetries: 5 },
  });
  let connected = true;
  conn.on("connect", () => {
    if (!connected) logger.info("bus: RabbitMQ connection restored");
    connected = true;
  });
  conn.on("disconnect", (err: Error) => {
    connected = false;
    logger.warn({ err }, "bus: RabbitMQ connection lost; reconnecting");
  });
  conn.on("error", (err: Error) => logger.warn({ err }, "bus: RabbitMQ connection error"));
  conn.on("reconnect-failed", (err: Error) => logger.error({ err }, "bus: RabbitMQ recovery gave up"));

  const publisher = createPublisher(conn, exchange, logger, opts.connectionName ?? "shop-bus");
  const subscriptions = new Set<Subscription>();
  const subscribed = new Set<string>();

  /** A channel of its own: messages taken with get and not acknowledged go back when it closes. */
  const withChannel = async <T>(run: (ch: Channel) => Promise<T>): Promise<T> => {
    const opening = conn.createChannel();
    const ch = await withTimeout("opening a channel", opening).catch((err: unknown) => {
      void opening.then((late) => late.close()).catch(() => undefined); // not left open when it comes late
      throw err;
    });
    ch.on("error", () => undefined); // a missing queue closes the channel; run() sees the rejection
    try {
      return await run(ch);
    } finally {
      await ch.close().catch(() => undefined);
    }
  };
  const notFound = (err: unknown) => (err as { code?: number }).code === 404;

  const bus: Bus = {
    async publish(message, options) {
      assertTopic(message.topic);
      const delayMs = delayGridMs(options?.delaySeconds ?? 0);
      if (delayMs > 0) {
        const q = delayQueue(exchange, delayMs);
        const route = { [hdr.delay]: String(delayMs) };
        await publisher.ensureQueue(q.name, q.options, { exchange: delayExchange(exchange), pattern: "", args: { "x-match": "all", ...route } });
        await publisher.publish(delayExchange(exchange), message.topic, contentOf(message), publishProperties(message, 1, route));
      } else {
        await publisher.publish(exchange, message.topic, contentOf(message), publishProperties(message, 1));
      }
      busMetrics.published.inc({ topic: message.topic });
    },

    async subscribe(group, topics, handler, options) {
      const { o, name: queue, patterns } = planSubscription(group, topics, options);
      if (subscribed.has(queue)) throw new Error(`group ${queue} is already subscribed in this process`);
      subscribed.add(queue);
      try {
        const consumer = await startAmqpConsumer({ conn, publisher, exchange, queue, metricGroup: group, patterns, handler, options: o, logger });
        const subscription: Subscription = {
          async close() {
            subscriptions.delete(subscription);
            subscribed.delete(queue);
            await consumer.close();
          },
        };
        subscriptions.add(subscription);
        return subscription;
      } catch (err) {
        subscribed.delete(queue);
        throw err;
      }
    },

    // Listing takes messages without acknowledging them; closing the channel puts them back in order.
    async deadLetters(group, limit = 100) {
      return withChannel(async (ch) => {
        const found: DeadLetter[] = [];
        try {
          for (let m: GetMessage | false; found.length < Math.min(limit, maxScan) && (m = await ch.get(dlqName(group), { noAck: false }));) {
            found.push(toDeadLetter(m, group));
          }
        } catch (err) {
          if (!notFound(err)) throw err;
        }
        return found;
      });
    },

    async replay(group, ids) {
      const wanted = new Set(ids);
      if (!wanted.size) return 0;
      return withChannel(async (ch) => {
        let replayed = 0;
        try {
          await ch.checkQueue(group); // replayed copies must have a queue to go to
          const { messageCount } = await ch.checkQueue(dlqName(group));
          for (let i = 0; i < Math.min(messageCount, maxScan) && wanted.size; i++) {
            const m = await ch.get(dlqName(group), { noAck: false });
            if (!m) break;
            const message = toBusMessage(m);
            if (!wanted.delete(message.id)) continue; // not asked for: back to the queue when the channel closes
            // Attempts start again; the copy is confirmed before the dead letter is dropped.
            await publisher.publish("", group, m.content, publishProperties(message, 1));
            ch.ack(m);
            replayed++;
          }
        } catch (err) {
          if (!notFound(err)) throw err;
        }
        return replayed;
      });
    },

    ping() {
      return connected ? Promise.resolve() : Promise.reject(new Error("RabbitMQ connection lost; reconnecting"));
    },

    async close() {
      await Promise.all([...subscriptions].map((s) => s.close()));
      await publisher.close();
      await conn.close();
    },
  };
  return bus;
}
