// A TCP proxy on 127.0.0.1 in front of a real server, so a test can break the network between a
// client and its server without touching the server: cut every connection (the client sees a
// reset), refuse new ones (the server looks down), or hang (connections are accepted and bytes go
// nowhere, in either direction: the server looks alive and never answers, the worst case).
import { createConnection, createServer, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** Destroys every proxied connection; new ones are accepted as before. */
  dropConnections(): void;
  /** While refusing, new connections are closed at once (the server looks down). */
  refuse(on: boolean): void;
  /**
   * While hanging, nothing is forwarded on any connection, old or new (new ones are accepted and
   * held); what was sent meanwhile is dropped, so a client that times out cannot get a late answer.
   * Turning it off forwards again on the connections that are still open.
   */
  hang(on: boolean): void;
  /** Proxied connections open now. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  };
  let refusing = false;
  let hanging = false;
  const forward = (from: Socket, to: Socket) =>
    from.on("data", (chunk: Buffer) => {
      if (!hanging && !to.destroyed) to.write(chunk);
    });
  const server = createServer((client) => {
    if (refusing) return void client.destroy();
    track(client);
    client.on("error", () => undefined); // "close" follows
    const upstream = createConnection({ host, port });
    track(upstream);
    upstream.on("error", () => undefined);
    forward(client, upstream);
    forward(upstream, client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    dropConnections: () => sockets.forEach((s) => s.destroy()),
    refuse: (on) => void (refusing = on),
    hang: (on) => void (hanging = on),
    get connections() {
      return sockets.size / 2;
    },
    async close() {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => server.close(r));
    },
  };
}
