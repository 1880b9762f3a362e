// The README's configuration reference is the truth only if it names every variable the code reads.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { deployables } from "@shop/kit/platform";
import { cartEnv } from "../services/cart/src/config.ts";
import { couponEnv } from "../services/coupon/src/config.ts";
import { fileEnv } from "../services/file/src/config.ts";
import { gatewayEnv } from "../services/gateway/src/config.ts";
import { inventoryEnv } from "../services/inventory/src/config.ts";
import { logisticsEnv } from "../services/logistics/src/config.ts";
import { notificationEnv } from "../services/notification/src/config.ts";
import { paymentEnv } from "../services/payment/src/config.ts";
import { orderEnv } from "../services/order/src/config.ts";
import { productEnv } from "../services/product/src/config.ts";
import { reviewEnv } from "../services/review/src/config.ts";
import { seckillEnv } from "../services/seckill/src/config.ts";
import { userEnv } from "../services/user/src/config.ts";
import { repoRoot } from "../scripts/proto-deps.ts";

void test("every configuration variable is in the README", () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const perService = new RegExp(`^SHOP_(${deployables.map((d) => d.toUpperCase()).join("|")})_(HTTP_PORT|GRPC_PORT|HOST)$`);
  const names = new Set([
    ...Object.keys(userEnv),
    ...Object.keys(gatewayEnv),
    ...Object.keys(productEnv),
    ...Object.keys(inventoryEnv),
    ...Object.keys(orderEnv),
    ...Object.keys(cartEnv),
    ...Object.keys(paymentEnv),
    ...Object.keys(couponEnv),
    ...Object.keys(seckillEnv),
    ...Object.keys(logisticsEnv),
    ...Object.keys(notificationEnv),
    ...Object.keys(fileEnv),
    ...Object.keys(reviewEnv),
    "SHOP_CONFIG_FILE",
    "SHOP_EMBEDDED_PG_PORT",
  ]);
  const missing = [...names].filter((n) => !perService.test(n) && !readme.includes(`\`${n}\``) && !readme.includes(`/ \`${n}\``));
  assert.deepEqual(missing, [], "document these in README.md#configuration");
  assert.ok(readme.includes("SHOP_<SERVICE>_HTTP_PORT"), "the per-service port pattern is documented");
});
