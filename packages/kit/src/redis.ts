// The one way a process connects to Redis: commands fail fast while Redis is away (no offline
// queue, a short command timeout), so a caller falls back (to its database, to counting in memory)
// instead of waiting; the client keeps reconnecting in the background. Connect with `connect()`.
// A Redis that hangs (accepts, never answers) is worse than one that is down: each command would
// wait its full timeout. So each client has a breaker (breaker.ts, gauge kind "redis"): after a few
// consecutive failures commands fail at once with BreakerOpenError until a probe succeeds.
import { Redis, ReplyError, type RedisOptions } from "ioredis";
import { BreakerOpenError, createBreaker } from "./breaker.ts";

export interface FailFastOptions {
  /** Names the client in circuit_breaker_state{kind="redis"}. Default: the URL's host:port. */
  name?: string;
  /** Consecutive failures that open the breaker. Default 3. */
  breakerFailures?: number;
  /** How long the breaker stays open before a probe. Default 1000. */
  breakerCooldownMs?: number;
}

interface Command {
  name: string;
  promise: Promise<unknown>;
  reject(err: Error): void;
}

/** Whether `err` says Redis did not answer (a timeout, no connection), not that it refused a command. */
export function isRedisAway(err: unknown): boolean {
  return err instanceof Error && !(err instanceof ReplyError);
}

const awayMessages = new Set(["Command timed out", "Stream isn't writeable and enableOfflineQueue options is false", "Connection is closed."]);

/** Whether `err` is this client's way of saying Redis is away (503 to a caller with no fallback). */
export function isRedisUnavailable(err: unknown): boolean {
  return err instanceof BreakerOpenError || (err instanceof Error && awayMessages.has(err.message));
}

export function failFastRedis(url: string, options: RedisOptions = {}, ff: FailFastOptions = {}): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 250,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    // Commands whose callers already gave up (timed out) are not sent again on the next connection.
    autoResendUnfulfilledCommands: false,
    ...options,
  });
  const { host, port } = new URL(url);
  // A fresh connection after a hang: replies on the old one can no longer be trusted to match their
  // commands (bytes may have been lost), and a connection whose ready check was swallowed never gets ready.
  const reconnect = () => {
    if (client.status !== "end" && client.status !== "wait") client.disconnect(true);
  };
  const breaker = createBreaker({
    kind: "redis",
    target: ff.name ?? `${host}:${port || 6379}`,
    failures: ff.breakerFailures ?? 3,
    cooldownMs: ff.breakerCooldownMs ?? 1000,
    onHalfOpen: () => {
      if (client.status === "ready") return;
      reconnect();
      breaker.trip(); // no connection to probe on yet: another cooldown
    },
  });
  const send = client.sendCommand.bind(client) as (command: Command, ...rest: unknown[]) => Promise<unknown>;
  client.sendCommand = (command: Command, ...rest: unknown[]) => {
    if (command.name === "quit") return send(command, ...rest);
    // Before "ready" the handshake goes out whatever the breaker says (callers' commands fail at
    // once then anyway: no offline queue); failures still count.
    if (client.status === "ready" && !breaker.allow()) {
      command.reject(new BreakerOpenError("Redis"));
      return command.promise;
    }
    const result = send(command, ...rest);
    command.promise.then(
      () => breaker.success(),
      (err: unknown) => {
        if (!isRedisAway(err)) return breaker.success(); // Redis answered, with an error
        breaker.failure();
        if ((err as Error).message === "Command timed out") reconnect();
      },
    );
    return result;
  };
  client.on("end", () => breaker.remove());
  return client;
}
