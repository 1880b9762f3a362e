// The file service process: `node services/file/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { fileEnv, fileSchema } from "./config.ts";

await runService({
  name: "file",
  schema: fileSchema,
  env: fileEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
