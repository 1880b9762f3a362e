// The cart service process: `node services/cart/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { cartEnv, cartSchema } from "./config.ts";

await runService({
  name: "cart",
  schema: cartSchema,
  env: cartEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
