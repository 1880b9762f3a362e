// The webhook deliveries accepted within the replay window, by signature: a delivery captured and
// sent again is refused. Rows older than the window are pruned as new ones come, since the
// timestamp check refuses those deliveries anyway.
import { sql } from "drizzle-orm";
import type { Executor } from "@shop/kit/db";

/** Records the delivery; false when it was seen before (a replay). */
export async function claimDelivery(ex: Executor, signature: string, windowSeconds: number): Promise<boolean> {
  await ex.execute(sql`delete from webhook_deliveries where received_at < now() - make_interval(secs => ${2 * windowSeconds})`);
  const res = await ex.execute(sql`insert into webhook_deliveries (signature) values (${signature}) on conflict do nothing`);
  return res.rowCount === 1;
}
