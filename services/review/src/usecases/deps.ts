// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";

export interface Deps {
  db: Db;
}
