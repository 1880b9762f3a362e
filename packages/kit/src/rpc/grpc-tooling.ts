// The standard gRPC tooling every service serves beside its own RPCs: server reflection and
// grpc.health.v1. Like /readyz and /metrics they are platform endpoints that only read: served by
// a Connect adapter of their own, outside the shop interceptor chain, whose access check keeps
// refusing any RPC without the shop access option.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { DescService } from "@bufbuild/protobuf";
import type { ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Health } from "@shop/contracts/grpc/health/v1/health_pb.js";
import { ServerReflection as ReflectionV1 } from "@shop/contracts/grpc/reflection/v1/reflection_pb.js";
import { ServerReflection as ReflectionV1alpha } from "@shop/contracts/grpc/reflection/v1alpha/reflection_pb.js";
import type { Health as Readiness } from "../health.ts";
import { createGrpcHealth } from "./grpc-health.ts";
import { registerReflection } from "./reflection.ts";

const toolingServices = [ReflectionV1, ReflectionV1alpha, Health];
const toolingPrefixes = toolingServices.map((s) => `/${s.typeName}/`);

export interface GrpcTooling {
  /** Wraps the server's routes to learn which services it serves. */
  learn(routes: (router: ConnectRouter) => void): (router: ConnectRouter) => void;
  /** Whether a request (by its URL) calls one of the tooling's RPCs. */
  owns(url: string | undefined): boolean;
  handle: (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => void;
  /** Ends open health Watch streams; call when the server starts closing. */
  close(): void;
}

export function createGrpcTooling(readiness: Readiness): GrpcTooling {
  const served = new Map<string, DescService>();
  const health = createGrpcHealth(readiness);
  let adapter: ReturnType<typeof connectNodeAdapter> | undefined;
  return {
    learn: (routes) => (router) => {
      routes(router);
      for (const h of router.handlers) served.set(h.service.typeName, h.service);
    },
    owns: (url) => toolingPrefixes.some((prefix) => url?.startsWith(prefix)),
    handle: (req, res) => {
      // Built on first use: by then the server's routes have been registered and learnt.
      adapter ??= connectNodeAdapter({
        readMaxBytes: 64 * 1024,
        routes(router) {
          const all = [...served.values(), ...toolingServices];
          registerReflection(router, all);
          health.register(
            router,
            all.map((s) => s.typeName),
          );
        },
      });
      adapter(req, res);
    },
    close: () => health.close(),
  };
}
