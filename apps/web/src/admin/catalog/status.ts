// The product statuses' text keys, for lists, badges and the status filter.
import { ProductStatus } from "@shop/contracts/shop/product/v1/product_pb.ts";
import type { TextKey } from "../../i18n/texts.ts";

export const statusKeys: Record<ProductStatus, TextKey> = {
  [ProductStatus.UNSPECIFIED]: "admin.products.statusAll",
  [ProductStatus.DRAFT]: "admin.products.statusDraft",
  [ProductStatus.ON_SALE]: "admin.products.statusOnSale",
  [ProductStatus.OFF_SALE]: "admin.products.statusOffSale",
};
