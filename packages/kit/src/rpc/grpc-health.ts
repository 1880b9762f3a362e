// grpc.health.v1.Health, the probe Kubernetes (grpc probes), grpc-health-probe and load balancers
// speak. Every name the server knows ("" for the whole server, or a served service's full name)
// has the process's readiness: SERVING when /readyz says ready, NOT_SERVING while a check fails
// or the service drains.
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@shop/contracts/grpc/health/v1/health_pb.js";
import type { Health as Readiness } from "../health.ts";

export interface GrpcHealth {
  /** Serves grpc.health.v1.Health on `router`, knowing `names` besides "". */
  register(router: ConnectRouter, names: readonly string[]): void;
  /** Ends every Watch stream, so they do not hold the server's shutdown for its grace period. */
  close(): void;
}

/** `pollMs`: how often a Watch re-runs the readiness checks; draining is pushed at once. */
export function createGrpcHealth(readiness: Readiness, pollMs = 5000): GrpcHealth {
  const wakers = new Set<() => void>();
  let closed = false;
  const wakeAll = () => wakers.forEach((wake) => wake());
  readiness.onDraining(wakeAll);
  const status = async () => ((await readiness.report()).ready ? Status.SERVING : Status.NOT_SERVING);
  /** Resolves after `ms`, or sooner when the service drains, the server closes or the caller leaves. */
  const nextTurn = (signal: AbortSignal, ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
      signal.addEventListener("abort", done);
    });
  return {
    register(router, names) {
      const known = new Set(["", ...names]);
      router.service(Health, {
        async check(req) {
          if (!known.has(req.service)) throw new ConnectError(`unknown service "${req.service}"`, Code.NotFound);
          return { status: await status() };
        },
        // The status now, then each change (the protocol: an unknown name is SERVICE_UNKNOWN, not an error).
        async *watch(req, ctx) {
          let last: Status | undefined;
          while (!closed && !ctx.signal.aborted) {
            const now = known.has(req.service) ? await status() : Status.SERVICE_UNKNOWN;
            if (now !== last) yield { status: (last = now) };
            if (!closed) await nextTurn(ctx.signal, now === Status.SERVICE_UNKNOWN ? 2 ** 31 - 1 : pollMs);
          }
        },
        async list() {
          const now = await status();
          return { statuses: Object.fromEntries([...known].map((name) => [name, { status: now }])) };
        },
      });
    },
    close() {
      closed = true;
      wakeAll();
    },
  };
}
