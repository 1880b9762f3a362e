// The coupon service process: `node services/coupon/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { couponEnv, couponSchema } from "./config.ts";

await runService({
  name: "coupon",
  schema: couponSchema,
  env: couponEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
