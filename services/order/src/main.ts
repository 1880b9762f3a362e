// The order service process: `node services/order/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { orderEnv, orderSchema } from "./config.ts";

await runService({
  name: "order",
  schema: orderSchema,
  env: orderEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
