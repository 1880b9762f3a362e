// The user service process: `node services/user/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { userEnv, userSchema } from "./config.ts";

await runService({
  name: "user",
  schema: userSchema,
  env: userEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
