// The product service process: `node services/product/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { productEnv, productSchema } from "./config.ts";

await runService({
  name: "product",
  schema: productSchema,
  env: productEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
