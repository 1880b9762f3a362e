// `shop create-admin --username U --email E [--password-file F]`: the user service's own command,
// run against the PostgreSQL the system uses. In the embedded profile the server is reused when
// it is running, else started for the length of the command and stopped again.
import { launchConfig } from "./config.ts";
import { acquireLock, type Lock } from "./lock.ts";
import { createOutput } from "./output.ts";
import { describeTaken, takenPorts } from "./ports.ts";
import { embeddedUrl, runningServer, startEmbeddedPostgres, stopLeftover, type EmbeddedPostgres } from "./postgres.ts";

export async function createAdminCommand(argv: string[]): Promise<number> {
  const out = createOutput(process.stderr); // stdout is the command's own
  let server: EmbeddedPostgres | undefined;
  let lock: Lock | undefined;
  const cleanUp = async () => {
    await server?.stop();
    lock?.release();
  };
  const onSignal = () => void cleanUp().then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const config = launchConfig();
    const { dataDir } = config.platform;
    process.env.SHOP_DATA_DIR = dataDir;
    const running = config.postgresUrl ? undefined : runningServer(dataDir);
    if (config.postgresUrl) process.env.SHOP_POSTGRES_URL = config.postgresUrl;
    else if (running) process.env.SHOP_POSTGRES_URL = embeddedUrl(dataDir, running.port);
    else {
      lock = acquireLock(dataDir);
      await stopLeftover(dataDir, out);
      const taken = await takenPorts([{ host: "127.0.0.1", port: config.embeddedPgPort, what: "embedded PostgreSQL", variable: "SHOP_EMBEDDED_PG_PORT" }]);
      if (taken.length) throw new Error(describeTaken(taken));
      server = await startEmbeddedPostgres(dataDir, config.embeddedPgPort, out);
      await server.ready;
      process.env.SHOP_POSTGRES_URL = server.url;
    }
    const user = await import("@shop/user/cli");
    return await user.createAdminCommand(argv);
  } catch (err) {
    out.log("fatal", (err as Error).message);
    return 1;
  } finally {
    await cleanUp();
  }
}
