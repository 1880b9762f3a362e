// Serves test doubles of other services over HTTP/2 cleartext, as the kit's clients call a
// service's gRPC port: point the order service at one with SHOP_<SERVICE>_GRPC_PORT.
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import type { ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";

export interface FakeServer {
  port: number;
  close(): Promise<void>;
}

export async function serveFake(routes: (router: ConnectRouter) => void): Promise<FakeServer> {
  const server = http2.createServer(connectNodeAdapter({ routes }));
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (s) => {
    sessions.add(s);
    s.once("close", () => sessions.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}
