// A PostgreSQL LISTEN connection that comes back after losing its server. Notifications only make
// delivery prompt: whoever listens also polls, so a lost notification costs latency, never a message.
import { createRequire } from "node:module";
import type * as Pg from "pg";
import type { Logger } from "../log.ts";

const require = createRequire(import.meta.url);

export interface Listener {
  close(): Promise<void>;
}

/** Calls `onNotify(payload)` for each notification on `channel`, and `onNotify(undefined)` after a reconnect. */
export function listen(url: string, channel: string, onNotify: (payload: string | undefined) => void, logger: Logger): Listener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel ${channel}`);
  const pg = require("pg") as typeof Pg;
  let client: Pg.Client | undefined;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true });
    c.on("notification", (n) => onNotify(n.payload ?? ""));
    c.on("error", () => undefined); // "end" follows and reconnects
    c.on("end", () => {
      if (client !== c || closed) return;
      client = undefined;
      schedule();
    });
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
      if (closed) return void (await c.end());
      client = c;
      retryMs = 250;
      onNotify(undefined); // catch up on whatever was announced while we were away
    } catch (err) {
      logger.warn({ err, channel }, "LISTEN connection failed; polling until it is back");
      await c.end().catch(() => undefined);
      schedule();
    }
  };
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void connect(), retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
