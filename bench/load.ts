// One autocannon run with a progress line, reduced to the figures the benchmark table shows.
import { inspect } from "node:util";
import autocannon from "autocannon";

export interface LoadOptions {
  title: string;
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationS: number;
  /** Paths (on the url's origin) the connections go through in turn, instead of the url's own. */
  paths?: string[];
  /** Or whole requests (path, headers, body) gone through in turn: many users, many items. */
  variants?: { path: string; headers: Record<string, string>; body?: string }[];
  /** No progress line (warm-up runs). */
  quiet?: boolean;
}

export interface LoadFigures {
  title: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export function runLoad(o: LoadOptions): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    let responses = 0;
    const started = Date.now();
    const progress = setInterval(() => {
      if (o.quiet) return;
      const s = Math.round((Date.now() - started) / 1000);
      const line = `  ${o.title}: ${s}/${o.durationS} s, ${responses} responses`;
      process.stderr.write(process.stderr.isTTY ? `\r${line}   ` : `${line}\n`);
    }, 2000);
    let next = 0;
    const variants = o.variants ?? o.paths?.map((path) => ({ path }));
    const rotate = variants?.length ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...variants[next++ % variants.length] }) }] : undefined;
    const instance = autocannon(
      { url: o.url, method: o.method, headers: o.headers, body: o.body, connections: o.connections, duration: o.durationS, requests: rotate },
      (err: unknown, r) => {
        clearInterval(progress);
        if (process.stderr.isTTY && !o.quiet) process.stderr.write("\n");
        if (err) return reject(err instanceof Error ? err : new Error(`autocannon failed: ${inspect(err)}`));
        resolve({
          title: o.title,
          requests: r.requests.total,
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
        });
      },
    );
    instance.on("response", () => void responses++);
  });
}
