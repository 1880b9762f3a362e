// The review service process: `node services/review/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { platformEnv, platformSchema } from "@shop/kit/platform";
import { build } from "./app.ts";

await runService({
  name: "review",
  schema: platformSchema,
  env: platformEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
