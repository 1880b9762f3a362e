// The cart service in the infrastructure profile: carts in Redis.
import { after, before, describe } from "node:test";
import { guestCases } from "./cases-guest.ts";
import { lineCases } from "./cases-lines.ts";
import { startCart, type CartTest } from "./helpers.ts";

void describe("cart service, carts in Redis", () => {
  let t: CartTest;
  before(async () => {
    t = await startCart({ redis: true });
  });
  after(() => t?.close());
  lineCases(() => t);
  guestCases(() => t);
});
