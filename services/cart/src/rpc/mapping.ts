// Cart views -> proto messages, and the signed-in shopper the kit's interceptors put in the context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { cartv1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import type { CartView, LineProblem, LineView } from "../domain/view.ts";
import { userCart, type CartKey } from "../store/port.ts";

const problems: Record<LineProblem, cartv1.LineProblem> = {
  none: cartv1.LineProblem.UNSPECIFIED,
  insufficient_stock: cartv1.LineProblem.INSUFFICIENT_STOCK,
  out_of_stock: cartv1.LineProblem.OUT_OF_STOCK,
  unavailable: cartv1.LineProblem.UNAVAILABLE,
};

function toLine(l: LineView): MessageInitShape<typeof cartv1.CartLineSchema> {
  return {
    skuId: l.skuId,
    productId: l.sku?.productId ?? "",
    title: l.sku?.title ?? "",
    image: l.sku?.image ?? "",
    specs: l.sku?.specs ?? [],
    quantity: l.quantity,
    selected: l.selected,
    unitPriceMinor: BigInt(l.unitPriceMinor),
    addedPriceMinor: BigInt(l.addedPriceMinor),
    currency: l.currency,
    priceChanged: l.priceChanged,
    available: l.available,
    problem: problems[l.problem],
    addedAt: timestampFromDate(l.addedAt),
  };
}

export function toCart(c: CartView): MessageInitShape<typeof cartv1.CartSchema> {
  return {
    cartToken: c.cartToken,
    lines: c.lines.map(toLine),
    totals: c.totals.map((t) => ({ currency: t.currency, quantity: t.quantity, subtotalMinor: BigInt(t.subtotalMinor) })),
    updatedAt: timestampFromDate(c.updatedAt),
  };
}

/** The signed-in shopper's user id; only called from RPCs declared ACCESS_USER. */
export function shopperOf(ctx: HandlerContext): string {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal.userId;
}

export const cartOf = (ctx: HandlerContext): CartKey => userCart(shopperOf(ctx));
