// The inventory service process: `node services/inventory/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { inventoryEnv, inventorySchema } from "./config.ts";

await runService({
  name: "inventory",
  schema: inventorySchema,
  env: inventoryEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
