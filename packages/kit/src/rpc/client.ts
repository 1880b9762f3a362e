// Typed clients of other services, resolved through the registry.
// TODO(discovery): balanced over live instances with retries and per-instance breakers.
import type { DescService } from "@bufbuild/protobuf";
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import type { Registry } from "../discovery/registry.ts";

export interface ClientOptions {
  /** Default deadline per call in ms. */
  timeoutMs: number;
}

export function createServiceTransport(service: string, registry: Registry, opts: ClientOptions): Transport {
  let transport: Transport | undefined;
  registry.subscribe(service, (list) => {
    const first = list[0];
    transport = first ? createGrpcTransport({ baseUrl: `http://${first.host}:${first.grpcPort}`, defaultTimeoutMs: opts.timeoutMs }) : undefined;
  });
  const current = () => {
    if (!transport) throw new Error(`no instance of ${service}`);
    return transport;
  };
  return {
    unary: (...args) => current().unary(...args),
    stream: (...args) => current().stream(...args),
  };
}

export function createServiceClient<T extends DescService>(desc: T, transport: Transport): Client<T> {
  return createClient(desc, transport);
}
