// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";
import type { LimitFunction } from "p-limit";
import type { BlobStore } from "../storage/port.ts";

export interface Deps {
  db: Db;
  store: BlobStore;
  /** Bounds how many images are decoded at once (sharp is CPU- and memory-heavy). */
  decode: LimitFunction;
  limits: () => { maxBytes: number; maxPixels: number; maxWaiting: number };
}
