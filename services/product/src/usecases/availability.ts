// Stock figures for a product page: cached per SKU (dropped by inventory.stock_changed events),
// the missing ones from one inventory call. When inventory cannot answer, the page goes out
// without figures; the failure is logged at most every few seconds, not once per request.
import { keys } from "../cache.ts";
import type { Deps } from "./deps.ts";

const warnEveryMs = 10_000;
let lastWarning = 0;

/** Available units per SKU id; undefined when the inventory service could not be asked. */
export async function availabilityOf(d: Deps, skuIds: string[]): Promise<Map<string, number> | undefined> {
  const skuOfKey = new Map(skuIds.map((id) => [keys.availability(id), id]));
  try {
    const byKey = await d.cache.availability.getMany([...skuOfKey.keys()], async (missing) => {
      const levels = await d.inventory.availability(missing.map((key) => skuOfKey.get(key)!));
      return new Map(missing.map((key) => [key, levels.get(skuOfKey.get(key)!) ?? 0]));
    });
    return new Map([...byKey].map(([key, available]) => [skuOfKey.get(key)!, available]));
  } catch (err) {
    if (Date.now() - lastWarning > warnEveryMs) {
      lastWarning = Date.now();
      d.logger.warn({ err }, "inventory unavailable; product details go out without stock figures");
    }
    return undefined;
  }
}
