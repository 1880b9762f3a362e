// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";

export interface Deps {
  db: Db;
}

/** Who made a change: an admin's user id or a service's name ("order"; "inventory" for its sweeper), and why. */
export interface ChangeCause {
  actor: string;
  reason: string;
}
