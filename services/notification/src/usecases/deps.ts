// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import type { Channel } from "../channels/port.ts";
import type { ChannelName, RetryPolicy } from "../domain/delivery.ts";

export interface Deps {
  db: Db;
  logger: Logger;
  /** The channels configured; a shopper's switch for a channel missing here writes no delivery. */
  channels: Partial<Record<ChannelName, Channel>>;
  retry: () => RetryPolicy;
}
