// The events the product service publishes, written to the outbox in the transaction of the change.
import { create } from "@bufbuild/protobuf";
import { events, productv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import type { ProductStatus } from "../domain/product.ts";
import type { Tx } from "@shop/kit/db";

export type ProductChange = "created" | "updated" | "published" | "unpublished" | "deleted" | "skus_changed" | "sales_counted" | "rating_changed";
export type CategoryChange = "created" | "updated" | "moved" | "deleted";

const productKinds: Record<ProductChange, productv1.ProductChangeKind> = {
  created: productv1.ProductChangeKind.CREATED,
  updated: productv1.ProductChangeKind.UPDATED,
  published: productv1.ProductChangeKind.PUBLISHED,
  unpublished: productv1.ProductChangeKind.UNPUBLISHED,
  deleted: productv1.ProductChangeKind.DELETED,
  skus_changed: productv1.ProductChangeKind.SKUS_CHANGED,
  sales_counted: productv1.ProductChangeKind.SALES_COUNTED,
  rating_changed: productv1.ProductChangeKind.RATING_CHANGED,
};

const statuses: Record<ProductStatus, productv1.ProductStatus> = {
  draft: productv1.ProductStatus.DRAFT,
  on_sale: productv1.ProductStatus.ON_SALE,
  off_sale: productv1.ProductStatus.OFF_SALE,
};

const categoryKinds: Record<CategoryChange, productv1.CategoryChangeKind> = {
  created: productv1.CategoryChangeKind.CREATED,
  updated: productv1.CategoryChangeKind.UPDATED,
  moved: productv1.CategoryChangeKind.MOVED,
  deleted: productv1.CategoryChangeKind.DELETED,
};

export async function publishProductChanged(tx: Tx, product: { id: string; status: ProductStatus }, kind: ProductChange, skuIds: string[]): Promise<void> {
  const message = create(productv1.ProductChangedSchema, { productId: product.id, kind: productKinds[kind], skuIds, status: statuses[product.status] });
  await enqueue(tx, events.productChanged, message);
}

export async function publishCategoryChanged(tx: Tx, categoryId: string, kind: CategoryChange): Promise<void> {
  const message = create(productv1.CategoryChangedSchema, { categoryId, kind: categoryKinds[kind] });
  await enqueue(tx, events.categoryChanged, message);
}
