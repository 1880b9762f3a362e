// The admins' templates: create (the kind's and scope's rules, then the named categories or
// products must exist), read, list, end early.
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import { transaction } from "@shop/kit/transaction";
import { v7 } from "uuid";
import { allIds } from "../domain/categories.ts";
import { templateNotFound, unknownCategories, unknownProducts } from "../domain/errors.ts";
import { checkNewTemplate, type NewTemplate, type TemplateStatus } from "../domain/template.ts";
import { endTemplate, findTemplate, insertTemplate, listTemplates, type TemplateRow } from "../repo/templates.ts";
import type { Deps } from "./deps.ts";

const defaultPageSize = 20;
const maxPageSize = 100;

export async function createTemplate(d: Deps, input: NewTemplate): Promise<TemplateRow> {
  checkNewTemplate(input);
  await checkScopeExists(d, input);
  return transaction(d.db, (tx) => insertTemplate(tx, { id: v7(), ...input }));
}

/** Every named category or product exists (asked before the transaction: no connection held meanwhile). */
async function checkScopeExists(d: Deps, input: NewTemplate): Promise<void> {
  if (input.categoryIds.length) {
    const missingIn = async (fresh: boolean) => {
      const known = allIds(await d.catalog.categoryTree(fresh));
      return input.categoryIds.filter((id) => !known.has(id));
    };
    // The kept tree may predate a category made a moment ago: ask again before refusing.
    const missing = (await missingIn(false)).length ? await missingIn(true) : [];
    if (missing.length) throw unknownCategories(missing);
  }
  if (input.productIds.length) {
    const known = await d.catalog.existingProducts(input.productIds);
    const missing = input.productIds.filter((id) => !known.has(id));
    if (missing.length) throw unknownProducts(missing);
  }
}

export async function getTemplate(d: Deps, id: string): Promise<TemplateRow> {
  const row = await findTemplate(d.db, id);
  if (!row) throw templateNotFound(id);
  return row;
}

export async function listTemplatePage(
  d: Deps,
  input: { status?: TemplateStatus; pageSize: number; pageToken: string },
): Promise<{ templates: TemplateRow[]; nextPageToken: string }> {
  const limit = Math.min(input.pageSize || defaultPageSize, maxPageSize);
  const fingerprint = queryFingerprint({ status: input.status ?? null });
  const after = decodePageToken(input.pageToken, fingerprint, "string");
  const rows = await listTemplates(d.db, { status: input.status }, { beforeId: after?.id, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { templates: page, nextPageToken: rows.length > limit && last ? encodePageToken(fingerprint, { key: "", id: last.id }) : "" };
}

/** Stops claiming now; idempotent (an ended template answers as it is). */
export async function endTemplateEarly(d: Deps, id: string): Promise<TemplateRow> {
  const row = await transaction(d.db, (tx) => endTemplate(tx, id));
  if (!row) throw templateNotFound(id);
  return row;
}
