// Test doubles for the balanced client: real Connect servers (kit's two-listener server) serving
// the parts of userv1.AuthService a test needs, and a registry whose list the test sets by hand.
import type { ServiceImpl } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import type { Instance, Registry } from "@shop/kit/discovery/registry";
import { createHealth } from "@shop/kit/health";
import { createLogger } from "@shop/kit/log";
import { startRpcServer } from "@shop/kit/rpc/server";

export interface TestServer {
  instance: Instance;
  close(): Promise<void>;
}

/** `grpcPort` 0 picks a free port; pass a closed server's port to bring it back at the same address. */
export async function startAuthServer(id: string, impl: Partial<ServiceImpl<typeof userv1.AuthService>>, grpcPort = 0): Promise<TestServer> {
  const rpc = await startRpcServer({
    name: id,
    host: "127.0.0.1",
    httpPort: 0,
    grpcPort,
    routes: (router) => router.service(userv1.AuthService, impl),
    verifyToken: () => Promise.reject(new Error("no tokens in these tests")),
    health: createHealth(),
    logger: createLogger(id, "silent"),
  });
  return {
    instance: { id, service: "user", host: "127.0.0.1", httpPort: rpc.httpPort, grpcPort: rpc.grpcPort },
    close: () => rpc.close(100),
  };
}

export function createListRegistry(initial: Instance[]): Registry & { set(list: Instance[]): void } {
  let list = initial;
  const listeners = new Set<(list: Instance[]) => void>();
  return {
    register: () => Promise.resolve(),
    subscribe(_service, onChange) {
      listeners.add(onChange);
      queueMicrotask(() => onChange(list));
      return () => listeners.delete(onChange);
    },
    close: () => Promise.resolve(),
    set(next) {
      list = next;
      for (const l of listeners) l(list);
    },
  };
}
