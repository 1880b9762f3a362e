// AdminCatalogService: the kit's access interceptor has already required the admin role, and
// protovalidate the field rules; the use cases check what spans fields and rows.
import type { ServiceImpl } from "@connectrpc/connect";
import type { productv1 } from "@shop/contracts";
import type { CategoryFields } from "../repo/categories.ts";
import type { ProductFields } from "../repo/products.ts";
import type { SkuFields } from "../repo/skus.ts";
import { adminGetProduct } from "../usecases/admin-get-product.ts";
import { adminListProducts } from "../usecases/admin-list-products.ts";
import { changeStatus } from "../usecases/change-status.ts";
import { createCategory } from "../usecases/create-category.ts";
import { createProduct } from "../usecases/create-product.ts";
import { createSku } from "../usecases/create-sku.ts";
import { deleteCategory } from "../usecases/delete-category.ts";
import { deleteProduct } from "../usecases/delete-product.ts";
import { deleteSku } from "../usecases/delete-sku.ts";
import type { Deps } from "../usecases/deps.ts";
import { updateCategory } from "../usecases/update-category.ts";
import { updateProduct } from "../usecases/update-product.ts";
import { updateSku } from "../usecases/update-sku.ts";
import { attributesFrom, fromInt64, statusFromProto, toCategory, toProduct, toSku, toSummary } from "./mapping.ts";

/** 0 means "no compare-at price". */
const compareAt = (n: bigint) => (n ? fromInt64(n) : null);

function skuFields(m: productv1.SkuInput | productv1.CreateSkuRequest): SkuFields {
  return {
    code: m.code,
    specs: attributesFrom(m.specs),
    priceMinor: fromInt64(m.priceMinor),
    compareAtPriceMinor: compareAt(m.compareAtPriceMinor),
    currency: m.currency,
  };
}

/** Only the fields the request set (absent proto3 optionals and messages are undefined). */
function productPatch(m: productv1.UpdateProductRequest): Partial<ProductFields> {
  const patch: Partial<ProductFields> = {};
  if (m.title !== undefined) patch.title = m.title;
  if (m.subtitle !== undefined) patch.subtitle = m.subtitle;
  if (m.description !== undefined) patch.description = m.description;
  if (m.brand !== undefined) patch.brand = m.brand;
  if (m.categoryId !== undefined) patch.categoryId = m.categoryId;
  if (m.images) patch.images = m.images.urls;
  if (m.attributes) patch.attributes = attributesFrom(m.attributes.items);
  return patch;
}

function categoryPatch(m: productv1.UpdateCategoryRequest): Partial<CategoryFields> {
  const patch: Partial<CategoryFields> = {};
  if (m.name !== undefined) patch.name = m.name;
  if (m.sortOrder !== undefined) patch.sortOrder = m.sortOrder;
  if (m.parentId !== undefined) patch.parentId = m.parentId || null; // "" moves it to the top
  return patch;
}

function skuPatch(m: productv1.UpdateSkuRequest): Partial<SkuFields> {
  const patch: Partial<SkuFields> = {};
  if (m.code !== undefined) patch.code = m.code;
  if (m.specs) patch.specs = attributesFrom(m.specs.items);
  if (m.priceMinor !== undefined) patch.priceMinor = fromInt64(m.priceMinor);
  if (m.compareAtPriceMinor !== undefined) patch.compareAtPriceMinor = compareAt(m.compareAtPriceMinor);
  if (m.currency !== undefined) patch.currency = m.currency;
  return patch;
}

export function adminCatalogService(d: Deps): ServiceImpl<typeof productv1.AdminCatalogService> {
  return {
    async createCategory(req) {
      return toCategory(await createCategory(d, { name: req.name, parentId: req.parentId || null, sortOrder: req.sortOrder }));
    },
    async updateCategory(req) {
      return toCategory(await updateCategory(d, req.categoryId, categoryPatch(req)));
    },
    async deleteCategory(req) {
      await deleteCategory(d, req.categoryId);
      return {};
    },
    async createProduct(req) {
      const fields: ProductFields = {
        title: req.title,
        subtitle: req.subtitle,
        description: req.description,
        brand: req.brand,
        categoryId: req.categoryId,
        images: req.images,
        attributes: attributesFrom(req.attributes),
      };
      return toProduct(await createProduct(d, fields, req.skus.map(skuFields)));
    },
    async adminListProducts(req) {
      const page = await adminListProducts(d, {
        status: statusFromProto(req.status),
        categoryId: req.categoryId || undefined,
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
      return { products: page.products.map(toSummary), nextPageToken: page.nextPageToken };
    },
    async adminGetProduct(req) {
      return toProduct(await adminGetProduct(d, req.productId));
    },
    async updateProduct(req) {
      return toProduct(await updateProduct(d, req.productId, productPatch(req)));
    },
    async publishProduct(req) {
      return toProduct(await changeStatus(d, req.productId, "publish"));
    },
    async unpublishProduct(req) {
      return toProduct(await changeStatus(d, req.productId, "unpublish"));
    },
    async deleteProduct(req) {
      await deleteProduct(d, req.productId);
      return {};
    },
    async createSku(req) {
      return toSku(await createSku(d, req.productId, skuFields(req)));
    },
    async updateSku(req) {
      return toSku(await updateSku(d, req.skuId, skuPatch(req)));
    },
    async deleteSku(req) {
      await deleteSku(d, req.skuId);
      return {};
    },
  };
}
