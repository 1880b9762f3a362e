// How the bus tests open either adapter, in the test process or in a child that crashes on purpose.
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { createAmqpBus } from "@shop/kit/bus/amqp";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import type { Bus, Delivery, Handler } from "@shop/kit/bus/port";
import { createDb, databaseUrl, ensureDatabase, migrate, type Db, type Tx } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";

export type BusSpec = { kind: "postgres"; serverUrl: string; database: string; leaseMs: number } | { kind: "amqp"; url: string; exchange: string };

export const quietLogger = createLogger("bus-test", "silent");

export function openBus(spec: BusSpec): Promise<Bus> {
  return spec.kind === "postgres"
    ? createPostgresBus({ serverUrl: spec.serverUrl, database: spec.database, logger: quietLogger, leaseMs: spec.leaseMs })
    : createAmqpBus({ url: spec.url, exchange: spec.exchange, logger: quietLogger, connectionName: "bus-test" });
}

const kitMigrations = fileURLToPath(new URL("../../migrations", import.meta.url));

/** A service-like database with the kit's tables (outbox, inbox) and a table of applied effects. */
export async function openServiceDb(serverUrl: string, database: string): Promise<Db> {
  await ensureDatabase(serverUrl, database);
  const db = createDb(databaseUrl(serverUrl, database));
  await migrate(db, kitMigrations, "kit");
  await db.$client.query("create table if not exists effects (message_id text not null, applied_at timestamptz not null default now())");
  return db;
}

/** The consumers' side effect: one row per application, so applying twice shows. */
export async function applyEffect(tx: Tx, messageId: string): Promise<void> {
  await tx.execute(sql`insert into effects (message_id) values (${messageId})`);
}

export async function effectCount(db: Db, messageId: string): Promise<number> {
  const { rows } = await db.$client.query<{ n: string }>("select count(*) as n from effects where message_id = $1", [messageId]);
  return Number(rows[0]!.n);
}

/** A handler that only records what it gets. */
export function recordInto(list: Delivery[]): Handler {
  return (d) => {
    list.push(d);
    return Promise.resolve();
  };
}
