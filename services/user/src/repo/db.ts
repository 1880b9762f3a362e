// What every repo function takes: the pool or an open transaction.
import type { Db } from "@shop/kit/db";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

/** The constraint a unique violation (23505) hit, found through drizzle's wrapping; else undefined. */
export function uniqueViolation(err: unknown): string | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const pg = e as Error & { code?: string; constraint?: string };
    if (pg.code === "23505") return pg.constraint ?? "";
  }
  return undefined;
}
