// InventoryService: the kit's interceptors have checked access (the proto's option) and input.
import type { ServiceImpl } from "@connectrpc/connect";
import type { inventoryv1 } from "@shop/contracts";
import { adjustStock } from "../usecases/adjust-stock.ts";
import type { Deps } from "../usecases/deps.ts";
import { getAvailability, getStock } from "../usecases/get-stock.ts";
import { listMovements } from "../usecases/list-movements.ts";
import { setStock } from "../usecases/set-stock.ts";
import { actorOf, toMovement, toStock } from "./mapping.ts";

export function inventoryService(d: Deps): ServiceImpl<typeof inventoryv1.InventoryService> {
  return {
    async getAvailability(req) {
      return { levels: await getAvailability(d, req.skuIds) };
    },
    async getStock(req) {
      return toStock(await getStock(d, req.skuId));
    },
    async setStock(req, ctx) {
      return toStock(await setStock(d, req.skuId, req.onHand, { actor: actorOf(ctx), reason: req.reason }));
    },
    async adjustStock(req, ctx) {
      return toStock(await adjustStock(d, req.skuId, req.delta, { actor: actorOf(ctx), reason: req.reason }));
    },
    async listMovements(req) {
      const page = await listMovements(d, req.skuId, req.pageSize, req.pageToken);
      return { movements: page.movements.map(toMovement), nextPageToken: page.nextPageToken };
    },
  };
}
