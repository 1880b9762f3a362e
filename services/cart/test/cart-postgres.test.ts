// The cart service in the embedded profile's shape: carts in PostgreSQL.
import { after, before, describe } from "node:test";
import { guestCases } from "./cases-guest.ts";
import { lineCases } from "./cases-lines.ts";
import { startCart, type CartTest } from "./helpers.ts";

void describe("cart service, carts in PostgreSQL", () => {
  let t: CartTest;
  before(async () => {
    t = await startCart();
  });
  after(() => t?.close());
  lineCases(() => t);
  guestCases(() => t);
});
