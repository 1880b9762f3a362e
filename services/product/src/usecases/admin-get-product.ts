// AdminGetProduct: any status, straight from the database (an admin checks what was just saved).
import { productNotFound } from "../domain/errors.ts";
import { loadDetail, type ProductDetail } from "../repo/details.ts";
import type { Deps } from "./deps.ts";

export async function adminGetProduct(d: Deps, id: string): Promise<ProductDetail> {
  const detail = await loadDetail(d.db, id);
  if (!detail) throw productNotFound();
  return detail;
}
