// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";
import type { Files } from "../clients/files.ts";

export interface Deps {
  db: Db;
  files: Files;
}
