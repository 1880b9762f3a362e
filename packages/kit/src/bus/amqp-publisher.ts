// Publishing on RabbitMQ through one confirm channel: a publish resolves only once the broker has
// taken the message (persisted for durable queues). The channel is opened lazily and again after
// it or the connection is lost; TTL queues are re-declared before use, at most every 30 s.
// A broker that hangs: a confirm not come within 5 s fails the publish and retires the channel and
// the connection (a late or lost confirm must not be matched to a later publish), and a breaker
// (gauge kind amqp) makes publishes fail at once after 3 failures in a row, probing after 2 s.
import type { ConfirmChannel, Options, RecoveringChannelModel } from "amqplib";
import { BreakerOpenError, createBreaker } from "../breaker.ts";
import type { Logger } from "../log.ts";
import { delayExchange } from "./amqp-topology.ts";

/** Nothing waits forever: not for a reconnect, nor for a broker that is blocking publishers. */
const timeoutMs = 15_000;
const confirmTimeoutMs = 5_000;
const redeclareMs = 30_000;

export interface Publisher {
  publish(exchange: string, routingKey: string, content: Buffer, options: Options.Publish): Promise<void>;
  /** Declares the queue (and binds it) unless done recently on the current channel. */
  ensureQueue(name: string, options: Options.AssertQueue, bind?: { exchange: string; pattern: string; args?: Record<string, string> }): Promise<void>;
  close(): Promise<void>;
}

export function withTimeout<T>(what: string, p: Promise<T>, ms = timeoutMs): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`RabbitMQ: ${what} timed out after ${ms} ms`)), ms)));
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

export function createPublisher(conn: RecoveringChannelModel, exchange: string, logger: Logger, name = "shop-bus"): Publisher {
  let channel: Promise<ConfirmChannel> | undefined;
  let live: ConfirmChannel | undefined; // what `channel` resolved to
  const breaker = createBreaker({ kind: "amqp", target: name, failures: 3, cooldownMs: 2_000 });
  const declared = new Map<string, number>(); // queue -> when, on the current channel

  const open = async () => {
    const ch = await conn.createConfirmChannel();
    ch.on("error", (err: Error) => logger.warn({ err }, "bus: RabbitMQ publishing channel failed"));
    ch.on("close", () => {
      if (live !== ch) return; // retired already: a fresh channel may be in use
      live = undefined;
      channel = undefined;
      declared.clear();
    });
    live = ch;
    await ch.assertExchange(exchange, "topic", { durable: true });
    await ch.assertExchange(delayExchange(exchange), "headers", { durable: true });
    return ch;
  };
  const current = () => {
    const opening = (channel ??= open().catch((err: unknown) => {
      channel = undefined;
      throw err;
    }));
    // An opening that never answers (asked of a hung broker) is forgotten, so the next publish asks anew.
    return withTimeout("opening a channel", opening, confirmTimeoutMs).catch((err: unknown) => {
      if (channel === opening) channel = undefined;
      throw err;
    });
  };

  return {
    async publish(ex, routingKey, content, options) {
      if (!breaker.allow()) throw new BreakerOpenError("RabbitMQ");
      let ch: ConfirmChannel | undefined;
      try {
        ch = await current();
        const on = ch;
        await withTimeout(
          "publish confirm",
          new Promise<void>((resolve, reject) => {
            on.publish(ex, routingKey, content, options, (err: unknown) =>
              err ? reject(err instanceof Error ? err : new Error("publish refused by the broker (nack)")) : resolve(),
            );
          }),
          confirmTimeoutMs,
        );
        breaker.success();
      } catch (err) {
        breaker.failure();
        if (err instanceof Error && err.message.includes("timed out")) dropConnection(conn);
        if (ch && live === ch) {
          live = undefined;
          channel = undefined; // the next publish opens a fresh channel
          declared.clear();
          void ch.close().catch(() => undefined);
        }
        throw err;
      }
    },
    async ensureQueue(name, options, bind) {
      const ch = await current();
      const at = declared.get(name);
      if (at !== undefined && Date.now() - at < redeclareMs) return;
      await withTimeout("declaring a queue", ch.assertQueue(name, options));
      if (bind) await withTimeout("binding a queue", ch.bindQueue(name, bind.exchange, bind.pattern, bind.args));
      declared.set(name, Date.now());
    },
    async close() {
      breaker.remove();
      const ch = channel;
      channel = undefined;
      if (ch) await (await ch.catch(() => undefined))?.close().catch(() => undefined);
    },
  };
}

/**
 * A broker that let a confirm time out may have lost bytes of the connection's stream: its socket
 * is dropped (amqplib has no public call for it), and the connection's recovery opens a new one
 * at once instead of waiting for the heartbeats to notice.
 */
function dropConnection(conn: RecoveringChannelModel): void {
  const model = (conn as unknown as { _model?: { connection?: { stream?: { destroy(err: Error): void } } } })._model;
  model?.connection?.stream?.destroy(new Error("RabbitMQ did not confirm in time"));
}
