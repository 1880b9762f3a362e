// The logistics service process: `node services/logistics/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { logisticsEnv, logisticsSchema } from "./config.ts";

await runService({
  name: "logistics",
  schema: logisticsSchema,
  env: logisticsEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
