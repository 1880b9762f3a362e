// The inventory service process: `node --import tsx services/inventory/src/main.ts`.
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
