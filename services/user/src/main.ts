// The user service process: `node --import tsx services/user/src/main.ts`.
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
