// The payment service process: `node services/payment/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { paymentEnv, paymentSchema } from "./config.ts";

await runService({
  name: "payment",
  schema: paymentSchema,
  env: paymentEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
