// The review service process: `node services/review/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { reviewEnv, reviewSchema } from "./config.ts";

await runService({
  name: "review",
  schema: reviewSchema,
  env: reviewEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
