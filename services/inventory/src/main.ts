// The inventory service process: `node services/inventory/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { platformEnv, platformSchema } from "@shop/kit/platform";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";

await runService({
  name: "inventory",
  schema: platformSchema,
  env: platformEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
