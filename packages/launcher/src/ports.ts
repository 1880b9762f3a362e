// Port checks before anything starts, so a clash is reported by name instead of as a crash of
// whichever process happened to bind second.
import { createServer } from "node:net";

export interface PortUse {
  host: string;
  port: number;
  /** What wants it, e.g. "gateway HTTP". */
  what: string;
  /** The variable that sets it. */
  variable: string;
}

function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The uses whose port is already taken (port 0 means "any" and is never taken). */
export async function takenPorts(uses: PortUse[]): Promise<PortUse[]> {
  const free = await Promise.all(uses.map((u) => (u.port === 0 ? Promise.resolve(true) : canBind(u.host, u.port))));
  return uses.filter((_, i) => !free[i]);
}

export function describeTaken(taken: PortUse[]): string {
  const lines = taken.map((u) => `  port ${u.port} (${u.what}, ${u.variable}) is already in use`);
  return `cannot start: ${taken.length === 1 ? "a port is" : "ports are"} taken\n${lines.join("\n")}\nStop what uses ${taken.length === 1 ? "it" : "them"} (another \`npm start\`?) or choose other ports with the variables above.`;
}

/** A port that was free a moment ago (the OS picks it); for tests and benchmarks. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host, port: 0 }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
