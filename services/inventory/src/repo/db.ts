// What every repo function takes: the pool or an open transaction; and the PostgreSQL errors the
// use cases turn into expected outcomes.
import type { Db } from "@shop/kit/db";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

/** The constraint a check violation (23514) hit, found through drizzle's wrapping; else undefined. */
export function checkViolation(err: unknown): string | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const pg = e as Error & { code?: string; constraint?: string };
    if (pg.code === "23514") return pg.constraint ?? "";
  }
  return undefined;
}
