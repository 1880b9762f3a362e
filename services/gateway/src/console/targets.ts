// Whom the operations console asks: every registered instance of every deployable (their HTTP
// listener serves /readyz, /metrics and /debug/traces) and the other gateways (their operations
// listener, registered as `gateway-ops`, serves the same paths). This gateway answers for itself
// from memory. Calls carry the internal token, so services show their readiness details and traces
// to the gateway as they do to each other.
import { versionOf, type Instance } from "@shop/kit/discovery/registry";
import { internalTokenHeader } from "@shop/kit/rpc/internal-trust";
import { opsService } from "../service-discovery.ts";

export interface Target {
  /** The deployable, `gateway` for other gateways. */
  service: string;
  id: string;
  /** host:port where its /readyz, /metrics and /debug/traces are. */
  address: string;
  version: string;
}

export interface TargetDeps {
  deployables: readonly string[];
  instances: { get(name: string): Instance[] | undefined };
  internalToken: string;
  timeoutMs: () => number;
  /** This gateway's operations listener, to leave it out of the other gateways. */
  self: () => { hosts: string[]; port: number | undefined };
}

const addressOf = (i: Instance) => `${i.host.includes(":") ? `[${i.host}]` : i.host}:${i.httpPort}`;

export function targetsOf(deps: TargetDeps): Target[] {
  const targets: Target[] = [];
  for (const service of deps.deployables) {
    for (const i of deps.instances.get(service) ?? []) targets.push({ service, id: i.id, address: addressOf(i), version: versionOf(i) });
  }
  const self = deps.self();
  for (const i of deps.instances.get(opsService) ?? []) {
    if (i.httpPort === self.port && self.hosts.includes(i.host)) continue;
    targets.push({ service: "gateway", id: i.id, address: addressOf(i), version: versionOf(i) });
  }
  return targets;
}

/** GETs `path` of a target within the console's timeout; throws with a short reason otherwise. */
export async function fetchFrom(deps: TargetDeps, target: Target, path: string): Promise<Response> {
  const headers: Record<string, string> = deps.internalToken ? { [internalTokenHeader]: deps.internalToken } : {};
  const ms = deps.timeoutMs();
  try {
    return await fetch(`http://${target.address}${path}`, { headers, signal: AbortSignal.timeout(ms) });
  } catch (err) {
    throw new Error((err as Error).name === "TimeoutError" ? `no answer in ${ms} ms` : "unreachable", { cause: err });
  }
}

/** Runs `each` on every target at once; a failed one is reported as such, not thrown. */
export function settleAll<T>(targets: Target[], each: (t: Target) => Promise<T>): Promise<{ target: Target; result?: T; error?: string }[]> {
  return Promise.all(
    targets.map((target) =>
      each(target).then(
        (result) => ({ target, result }),
        (err: unknown) => ({ target, error: (err as Error).message }),
      ),
    ),
  );
}
