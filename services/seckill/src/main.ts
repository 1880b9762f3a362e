// The seckill (flash sale) service process: `node services/seckill/dist/main.js` (after `npm run build`).
import { fileURLToPath } from "node:url";
import { runService } from "@shop/kit/service";
import { build } from "./app.ts";
import { seckillEnv, seckillSchema } from "./config.ts";

await runService({
  name: "seckill",
  schema: seckillSchema,
  env: seckillEnv,
  migrationsDir: fileURLToPath(new URL("../migrations", import.meta.url)),
  build,
});
