// A TCP proxy on 127.0.0.1 in front of a real server, so a test can cut every connection through
// it (a network failure as the client sees it) without touching the server.
import { createConnection, createServer, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** Destroys every proxied connection; new ones are accepted as before. */
  dropConnections(): void;
  /** While refusing, new connections are closed at once (the server looks down). */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  };
  let refusing = false;
  const server = createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = createConnection({ host, port });
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => undefined); // "close" follows
    upstream.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    dropConnections: () => sockets.forEach((s) => s.destroy()),
    refuse: (on) => void (refusing = on),
    async close() {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => server.close(r));
    },
  };
}
