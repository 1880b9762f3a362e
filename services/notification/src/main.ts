// The notification service process: `node services/notification/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { notificationEnv, notificationSchema } from "./config.ts";

await runService({
  name: "notification",
  schema: notificationSchema,
  env: notificationEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
