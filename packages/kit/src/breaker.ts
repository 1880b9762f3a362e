// A circuit breaker for a client of a server (Redis, PostgreSQL, RabbitMQ): consecutive failures
// open it, an open breaker refuses at once, and after a cooldown it lets one probe round through.
// cockatiel (used for the RPC breakers) lets exactly one call probe and refuses the rest, which
// breaks a Redis pipeline (its commands are sent one by one in the same tick and written together):
// here every call started in the tick of the first probe goes through with it.
import { breakerState, breakerStateValue } from "./metrics.ts";

export type BreakerKind = "postgres" | "redis" | "amqp";
export type BreakerStateName = keyof typeof breakerStateValue;

export interface Breaker {
  readonly state: BreakerStateName;
  /** Whether a call may go out now (an open breaker past its cooldown turns half-open and says yes). */
  allow(): boolean;
  success(): void;
  failure(): void;
  /** Opens it now (a liveness probe failed), whatever the count. */
  trip(): void;
  /** Stops reporting the gauge series. */
  remove(): void;
}

export interface BreakerOptions {
  kind: BreakerKind;
  /** Names the client in circuit_breaker_state{target}. */
  target: string;
  /** Consecutive failures that open it. Default 3. */
  failures?: number;
  /** How long it stays open before a probe. Default 1000. */
  cooldownMs?: number;
  /** Told when it opens, and when it turns half-open (e.g. to reconnect before the probe). */
  onOpen?: () => void;
  onHalfOpen?: () => void;
  onClose?: () => void;
}

export function createBreaker(o: BreakerOptions): Breaker {
  const threshold = o.failures ?? 3;
  const cooldownMs = o.cooldownMs ?? 1000;
  const series = { kind: o.kind, target: o.target };
  let state: BreakerStateName = "closed";
  let count = 0;
  let openedAt = 0;
  let probeTick = false;
  const set = (s: BreakerStateName) => {
    state = s;
    breakerState.set(series, breakerStateValue[s]);
  };
  set("closed");
  const open = () => {
    const was = state;
    openedAt = Date.now();
    set("open");
    if (was !== "open") o.onOpen?.();
  };
  return {
    get state() {
      return state;
    },
    allow() {
      if (state === "closed") return true;
      if (state === "open") {
        if (Date.now() - openedAt < cooldownMs) return false;
        set("halfOpen");
        o.onHalfOpen?.();
        probeTick = true;
        process.nextTick(() => (probeTick = false));
        return (state as BreakerStateName) === "halfOpen"; // onHalfOpen may have opened it again
      }
      return probeTick;
    },
    success() {
      count = 0;
      if (state !== "closed") {
        set("closed");
        o.onClose?.();
      }
    },
    failure() {
      count++;
      if (state === "halfOpen" || (state === "closed" && count >= threshold)) open();
    },
    trip: () => {
      if (state !== "open") open();
    },
    remove: () => void breakerState.remove(series),
  };
}

/** What a call refused by an open breaker fails with: callers treat it as the server being away. */
export class BreakerOpenError extends Error {
  readonly code = "EBREAKEROPEN";
  constructor(what: string) {
    super(`${what} is not answering (circuit breaker open); failing fast`);
    this.name = "BreakerOpenError";
  }
}
