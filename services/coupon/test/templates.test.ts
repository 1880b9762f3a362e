// The admins' templates against the real service, the product service and PostgreSQL: the rules
// of each kind and scope, scopes naming what exists, lists and access.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@connectrpc/connect";
import { couponv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { rejectsWith, startCoupon, type CouponTest } from "./helpers.ts";

let t: CouponTest;

before(async () => {
  t = await startCoupon();
});
after(() => t.close());

const { CouponKind: Kind, CouponScope: Scope } = couponv1;

void describe("creating a template", () => {
  void test("each kind's rules beyond the field rules are clear INVALID_ARGUMENTs", async () => {
    const cases: [Parameters<CouponTest["makeTemplate"]>[0], string][] = [
      [{ kind: Kind.FIXED_AMOUNT, amountOffMinor: 0n }, "AMOUNT_OFF_REQUIRED"],
      [{ kind: Kind.THRESHOLD, amountOffMinor: 0n, minSpendMinor: 1000n }, "AMOUNT_OFF_REQUIRED"],
      [{ kind: Kind.PERCENT_OFF, amountOffMinor: 0n, percentOff: 0 }, "PERCENT_OFF_OUT_OF_RANGE"],
      [{ kind: Kind.THRESHOLD, amountOffMinor: 1000n, minSpendMinor: 1000n }, "MIN_SPEND_TOO_LOW"],
      [{ validFrom: new Date(Date.now() + 1000), validUntil: new Date(Date.now()) }, "INVALID_VALIDITY_WINDOW"],
      [{ scope: Scope.CATEGORIES }, "SCOPE_CATEGORIES_REQUIRED"],
      [{ scope: Scope.PRODUCTS }, "SCOPE_PRODUCTS_REQUIRED"],
      [{ scope: Scope.ALL, productIds: [v7()] }, "SCOPE_MISMATCH"],
      [{ scope: Scope.CATEGORIES, categoryIds: [v7()] }, "CATEGORY_NOT_FOUND"],
      [{ scope: Scope.PRODUCTS, productIds: [v7()] }, "PRODUCT_NOT_FOUND"],
    ];
    for (const [input, reason] of cases) await rejectsWith(t.makeTemplate(input), Code.InvalidArgument, reason);
    await rejectsWith(t.makeTemplate({ percentOff: 100 }), Code.InvalidArgument, "INVALID_INPUT");
    assert.deepEqual(await t.sql("select id from coupon_templates"), [], "nothing was written");
  });

  void test("a scope naming existing categories or products is stored as given", async () => {
    const category = await t.catalog.createCategory({ name: `Coupons ${v7()}` }, t.asAdmin);
    const product = await t.catalog.createProduct(
      {
        title: "Mug",
        categoryId: category.id,
        images: ["https://img.example.com/mug.jpg"],
        skus: [{ specs: [{ key: "size", value: "M" }], priceMinor: 1000n, currency: "EUR" }],
      },
      t.asAdmin,
    );
    const byCategory = await t.makeTemplate({
      kind: Kind.PERCENT_OFF,
      amountOffMinor: 0n,
      percentOff: 10,
      maxDiscountMinor: 300n,
      scope: Scope.CATEGORIES,
      categoryIds: [category.id],
    });
    assert.deepEqual(
      [byCategory.kind, byCategory.percentOff, byCategory.categoryIds, byCategory.status],
      [Kind.PERCENT_OFF, 10, [category.id], couponv1.TemplateStatus.ACTIVE],
    );
    const byProduct = await t.makeTemplate({
      kind: Kind.THRESHOLD,
      amountOffMinor: 500n,
      minSpendMinor: 3000n,
      scope: Scope.PRODUCTS,
      productIds: [product.id],
    });
    assert.deepEqual(byProduct.productIds, [product.id]);
    assert.deepEqual(await t.admin.getCouponTemplate({ templateId: byProduct.id }, t.asAdmin), byProduct);
  });
});

void describe("reading templates", () => {
  void test("newest first, page by page, by status, with the counts", async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await t.makeTemplate({ name: `page ${i}` }));
    const scheduled = await t.makeTemplate({ validFrom: new Date(Date.now() + 3_600_000) });
    const first = await t.admin.listCouponTemplates({ pageSize: 2 }, t.asAdmin);
    assert.deepEqual(
      first.templates.map((x) => x.id),
      [scheduled.id, made[2]!.id],
    );
    const second = await t.admin.listCouponTemplates({ pageSize: 2, pageToken: first.nextPageToken }, t.asAdmin);
    assert.equal(second.templates[0]!.id, made[1]!.id);
    const onlyScheduled = await t.admin.listCouponTemplates({ status: couponv1.TemplateStatus.SCHEDULED }, t.asAdmin);
    assert.deepEqual(
      onlyScheduled.templates.map((x) => x.id),
      [scheduled.id],
    );
    await t.shopper.claimCoupon({ templateId: made[0]!.id }, await t.as(v7()));
    const got = await t.admin.getCouponTemplate({ templateId: made[0]!.id }, t.asAdmin);
    assert.deepEqual([got.claimedCount, got.usedCount], [1, 0]);
    await rejectsWith(t.admin.getCouponTemplate({ templateId: v7() }, t.asAdmin), Code.NotFound, "COUPON_TEMPLATE_NOT_FOUND");
    await rejectsWith(t.admin.endCouponTemplate({ templateId: v7() }, t.asAdmin), Code.NotFound, "COUPON_TEMPLATE_NOT_FOUND");
  });

  void test("templates are for admins; shoppers see no counts", async () => {
    const shopper = await t.as(v7());
    await rejectsWith(t.admin.listCouponTemplates({}, shopper), Code.PermissionDenied);
    await rejectsWith(t.shopper.listMyCoupons({}), Code.Unauthenticated);
    const template = await t.makeTemplate();
    await t.shopper.claimCoupon({ templateId: template.id }, shopper);
    const [mine] = (await t.shopper.listMyCoupons({}, shopper)).coupons;
    assert.deepEqual([mine!.template!.id, mine!.template!.claimedCount], [template.id, 0]);
  });
});
