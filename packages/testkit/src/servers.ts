// Test access to the real servers. A test that cannot reach one fails with a message naming it.
import { randomBytes } from "node:crypto";
import { createConnection } from "node:net";
import pg from "pg";

export const postgresUrl = process.env.SHOP_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function requireTcp(name: string, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = createConnection({ host, port, timeout: 2000 }, () => {
      socket.end();
      resolve();
    });
    const fail = () => {
      socket.destroy();
      reject(new Error(`${name} is not reachable at ${host}:${port}; start it first (see README "Testing")`));
    };
    socket.once("error", fail);
    socket.once("timeout", fail);
  });
}

export async function requirePostgres(): Promise<void> {
  const url = new URL(postgresUrl);
  await requireTcp("PostgreSQL", url.hostname, Number(url.port || 5432));
}

/** A database-name prefix of its own for one test file: services create `<prefix><service>`. */
export function uniqueDbPrefix(): string {
  return `t${randomBytes(4).toString("hex")}_`;
}

/** Drops every database whose name starts with `prefix`. */
export async function dropDatabases(prefix: string, serverUrl = postgresUrl): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}
