// Decides per request which side of a gray rule it goes to, and counts what actually answered.
// Header match first, then the user list, then the share: a bucket 0-9999 from a hash of the
// service and the caller (user id, else the client id header, else the IP), canary below
// percent × 100. Raising the share only moves callers from stable to canary, never back.
// The counts start again whenever the rules load, so the admin sees the share since the change.
import { createHash } from "node:crypto";
import type { VersionPick } from "@shop/kit/rpc/version-pick";
import { metricsRegistry } from "@shop/kit/metrics";
import { Counter } from "prom-client";
import type { GrayRule } from "./rules.ts";
import type { LoadedRules, RulesSource } from "./source.ts";

/** What a request offers to be routed by; `userId` is resolved only when a share or user list needs it. */
export interface Caller {
  header(name: string): string | undefined;
  userId(): Promise<string | undefined>;
  /** The anonymous caller's key: its client id, else its IP. */
  anonymousKey: string;
}

interface Observed {
  canary: number;
  stable: number;
  fallbacks: number;
}

const requests = new Counter({
  name: "gateway_gray_requests_total",
  help: "Requests on a service under a gray rule, by the version of the instance that answered",
  labelNames: ["service", "version"] as const,
  registers: [metricsRegistry],
});
const fallbacks = new Counter({
  name: "gateway_gray_fallbacks_total",
  help: "Requests under a gray rule answered by the other side, the wanted one having no usable instance",
  labelNames: ["service", "wanted"] as const,
  registers: [metricsRegistry],
});

export function bucketOf(service: string, key: string): number {
  return createHash("sha256").update(`${service}\n${key}`).digest().readUInt32BE(0) % 10_000;
}

async function toCanary(service: string, rule: GrayRule, caller: Caller): Promise<boolean> {
  if (rule.header && caller.header(rule.header.name) === rule.header.value) return true;
  if (rule.users.length === 0 && rule.percent === 0) return false;
  const userId = await caller.userId();
  if (userId !== undefined && rule.users.includes(userId)) return true;
  return bucketOf(service, userId === undefined ? `anon:${caller.anonymousKey}` : `user:${userId}`) < Math.round(rule.percent * 100);
}

export function createGrayRouter(source: RulesSource) {
  let observed = new Map<string, Observed>();
  source.onChange(() => (observed = new Map()));
  const countsOf = (service: string) => observed.get(service) ?? observed.set(service, { canary: 0, stable: 0, fallbacks: 0 }).get(service)!;

  return {
    covers: (service: string) => Object.hasOwn(source.current().rules, service),

    /** The pick for one request to `service`, or undefined when no rule covers it. */
    async pick(service: string, caller: Caller): Promise<VersionPick | undefined> {
      const rule = source.current().rules[service];
      if (!rule) return undefined;
      return { version: rule.version, on: await toCanary(service, rule, caller) };
    },

    /** Counts the answer of a picked request (nothing when no instance ran it). */
    record(service: string, pick: VersionPick): void {
      if (pick.servedVersion === undefined) return;
      const counts = countsOf(service);
      if (pick.servedVersion === pick.version) counts.canary++;
      else counts.stable++;
      requests.inc({ service, version: pick.servedVersion });
      if (pick.fallback) {
        counts.fallbacks++;
        fallbacks.inc({ service, wanted: pick.on ? "canary" : "stable" });
      }
    },

    /** The rules in force and, per service, the share observed since they loaded. */
    snapshot() {
      const { rules, loadedAt }: LoadedRules = source.current();
      const services = Object.fromEntries(
        Object.entries(rules).map(([service, rule]) => {
          const { canary, stable, fallbacks: fell } = countsOf(service);
          const total = canary + stable;
          const canaryPercent = total === 0 ? 0 : Math.round((canary / total) * 10_000) / 100;
          return [service, { rule, observed: { canary, stable, total, canaryPercent, fallbacks: fell } }];
        }),
      );
      const refused = source.refused();
      return {
        file: source.file ?? null,
        loadedAt: loadedAt.toISOString(),
        refused: refused ? { at: refused.at.toISOString(), error: refused.error } : null,
        services,
      };
    },
  };
}

export type GrayRouter = ReturnType<typeof createGrayRouter>;
