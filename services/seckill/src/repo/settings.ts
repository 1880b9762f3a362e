// The service's own settings: keys every instance must share. The first instance to start writes
// one (insert … on conflict do nothing), and every instance reads back the one that won.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@shop/kit/db";

export async function sharedSecret(db: Db, key: string): Promise<Buffer> {
  await db.execute(sql`insert into settings (key, value) values (${key}, ${randomBytes(32).toString("base64")}) on conflict (key) do nothing`);
  const { rows } = await db.execute<{ value: string }>(sql`select value from settings where key = ${key}`);
  return Buffer.from(rows[0]!.value, "base64");
}
