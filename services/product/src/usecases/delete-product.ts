// DeleteProduct: the product and its SKUs go for good; the event names the SKUs so that carts can
// drop them.
import { publishProductChanged } from "../events/publish.ts";
import { deleteProduct as deleteRow } from "../repo/products.ts";
import { skusOf } from "../repo/skus.ts";
import type { Deps } from "./deps.ts";
import { withProductLocked } from "./product-tx.ts";

export async function deleteProduct(d: Deps, id: string): Promise<void> {
  await withProductLocked(d, id, async (tx, product) => {
    const skus = await skusOf(tx, [id]);
    await deleteRow(tx, id);
    await publishProductChanged(
      tx,
      product,
      "deleted",
      skus.map((s) => s.id),
    );
  });
}
