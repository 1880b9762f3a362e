// A TCP proxy on 127.0.0.1 in front of a real server, so a test can break the network between a
// client and its server without touching the server: cut every connection (the client sees a
// reset), refuse new ones (the server looks down), or hang (connections are accepted and nothing
// moves in either direction: the server looks alive and never answers, the worst case — as a
// server stopped with SIGSTOP or behind a stalled network, bytes wait rather than vanish).
import { createConnection, createServer, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** Destroys every proxied connection; new ones are accepted as before. */
  dropConnections(): void;
  /** While refusing, new connections are closed at once (the server looks down). */
  refuse(on: boolean): void;
  /**
   * While hanging, nothing is forwarded on any connection, old or new (new ones are accepted and
   * held); what was sent meanwhile waits, as in a kernel's buffers, and moves on when the hang ends,
   * on the connections that are still open (a client that gave up on one has closed it).
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
  // Bytes that arrived during a hang, per destination, in order: written when the hang ends.
  const held = new Map<Socket, Buffer[]>();
  const forward = (from: Socket, to: Socket) =>
    from.on("data", (chunk: Buffer) => {
      if (hanging) held.set(to, [...(held.get(to) ?? []), chunk]);
      else if (!to.destroyed) to.write(chunk);
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
    hang(on) {
      hanging = on;
      if (on) return;
      for (const [to, chunks] of held) if (!to.destroyed) for (const chunk of chunks) to.write(chunk);
      held.clear();
    },
    get connections() {
      return sockets.size / 2;
    },
    async close() {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => server.close(r));
    },
  };
}
