// Port checks before anything starts, so a clash is reported by name instead of as a crash of
// whichever process happened to bind second.
import { readFileSync } from "node:fs";
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

// The kernel hands out ports of this range to outgoing connections, so a port picked there for a
// later listen can be taken by any busy client (a test run's database pools) before it is used.
function ephemeralRange(): [number, number] {
  try {
    const [low = 0, high = 0] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    if (low > 0 && high >= low) return [low, high];
  } catch {
    // not Linux: the IANA dynamic range
  }
  return [49152, 65535];
}

const LOWEST = 10_000; // above every well-known default (PostgreSQL, Redis, RabbitMQ, the services' own)
const handedOut = new Set<number>(); // a process asking for several ports at once gets distinct ones

/**
 * A port that was free a moment ago, for tests and benchmarks: random, below the ephemeral range,
 * so neither the OS nor another test picking the same way is likely to take it before it is used;
 * never the same port twice in one process.
 */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const [low] = ephemeralRange();
  const high = Math.min(low, 65536) - 1;
  if (high - LOWEST < 1000) return osPickedPort(host);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (high - LOWEST + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canBind(host, port)) return port;
  }
  return osPickedPort(host);
}

function osPickedPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host, port: 0 }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
