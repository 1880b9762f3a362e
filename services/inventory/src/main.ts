// The inventory service process: `node --import tsx services/inventory/src/main.ts`.
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
