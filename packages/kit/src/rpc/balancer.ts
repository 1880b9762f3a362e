// Follows one service's live instances in the registry and picks one per attempt: round-robin
// over those whose breaker lets calls through, instances this call already tried last. A call with
// a version pick (version-pick.ts) tries the wanted version's instances before the others.
import { Code, ConnectError, type Interceptor, type Transport } from "@connectrpc/connect";
import { BrokenCircuitError, CircuitState } from "cockatiel";
import { versionOf, type Instance, type Registry } from "../discovery/registry.ts";
import type { Logger } from "../log.ts";
import { createMember, type BreakerOptions, type Member } from "./breaker.ts";
import { certificateRefused } from "./failures.ts";
import type { TlsMaterial } from "./tls.ts";
import type { VersionPick } from "./version-pick.ts";

export interface Balancer {
  instances(): Instance[];
  /** Waits (within `ms`) for the registry's first answer, so a client built at start-up can call at once. */
  ready(ms: number, signal: AbortSignal | undefined): Promise<void>;
  /** One attempt on the next usable instance; members it runs on are added to `tried`; `pick` narrows the choice to a version. */
  run<T>(tried: Set<Member>, attempt: (transport: Transport) => Promise<T>, pick?: VersionPick): Promise<T>;
  close(): void;
}

const sameEndpoint = (a: Instance, b: Instance) => a.id === b.id && a.host === b.host && a.grpcPort === b.grpcPort;

export function createBalancer(
  service: string,
  registry: Registry,
  interceptors: Interceptor[],
  breaker: BreakerOptions,
  logger?: Logger,
  tls?: TlsMaterial,
): Balancer {
  let members: Member[] = [];
  let next = 0;
  let known = false;
  const waiting = new Set<() => void>();
  const unsubscribe = registry.subscribe(service, (list) => {
    const previous = members;
    // The service we asked for, not the entry's own say: with TLS it is the name the certificate must carry.
    members = list.map((i) => previous.find((m) => sameEndpoint(m.instance, i)) ?? createMember({ ...i, service }, interceptors, breaker, logger, tls));
    for (const m of previous) if (!members.includes(m)) m.retire();
    known = true;
    for (const wake of waiting) wake();
  });

  /** `list` in round-robin order from turn `n`. */
  const rotate = (list: Member[], n: number) => {
    const start = n % Math.max(list.length, 1);
    return [...list.slice(start), ...list.slice(0, start)];
  };
  const wants = (pick: VersionPick | undefined) => (m: Member) => !pick || (versionOf(m.instance) === pick.version) === pick.on;

  return {
    instances: () => members.map((m) => m.instance),

    async ready(ms, signal) {
      if (known) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        waiting.add(done);
        signal?.addEventListener("abort", done);
      });
    },

    async run(tried, attempt, pick) {
      const n = next++;
      const wanted = members.filter(wants(pick));
      // Untried before tried (a retry goes elsewhere); within each, the wanted version first.
      const others = members.filter((m) => !wanted.includes(m));
      const ordered = [...rotate(wanted, n), ...rotate(others, n)];
      const candidates = [...ordered.filter((m) => !tried.has(m)), ...ordered.filter((m) => tried.has(m))];
      if (candidates.length === 0) throw new ConnectError(`no live instance of ${service}`, Code.Unavailable);
      const runOn = (m: Member) => {
        tried.add(m);
        if (pick) Object.assign(pick, { servedVersion: versionOf(m.instance), fallback: !wanted.includes(m) });
        return m.run(attempt);
      };
      const refused = new Map<Member, unknown>();
      for (const m of candidates) {
        // A half-open breaker has its one probe in flight; cockatiel would queue us behind it.
        if (m.breaker.state === CircuitState.HalfOpen) continue;
        try {
          return await m.breaker.execute(() => runOn(m));
        } catch (err) {
          if (err instanceof BrokenCircuitError) continue; // open and cooling down: next one
          // Not an instance of the service at all (its certificate was refused, nothing was sent): the next one may be.
          if (certificateRefused(err)) {
            refused.set(m, err);
            continue;
          }
          throw err;
        }
      }
      const usable = candidates.filter((m) => !refused.has(m));
      if (usable.length === 0) throw [...refused.values()][0];
      // Every breaker is open: try the instance that failed longest ago rather than fail outright.
      const pool = usable.some(wants(pick)) ? usable.filter(wants(pick)) : usable;
      return runOn(pool.reduce((a, b) => (b.lastFailureAt < a.lastFailureAt ? b : a)));
    },

    close() {
      unsubscribe();
      for (const m of members) m.retire();
      members = [];
    },
  };
}
