// `node services/user/dist/cli.js create-admin --username U --email E [--password-file F]`
// Creates the first admin (or grants the admin role to an existing user) against the same database
// and with the same use case as the service's startup bootstrap. The password comes from
// --password-file, else SHOP_ADMIN_PASSWORD, else a prompt without echo on a terminal.
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { AppError } from "@shop/kit/errors";
import { loadConfig } from "@shop/kit/config";
import { createDb, databaseUrl, ensureDatabase, migrate } from "@shop/kit/db";
import { createDeps } from "./app.ts";
import { userEnv, userSchema } from "./config.ts";
import { passwordMinLength } from "./domain/credentials.ts";
import { readPasswordFile } from "./first-admin.ts";
import { promptHidden } from "./prompt.ts";
import { ensureAdmin } from "./usecases/ensure-admin.ts";

const usage = "usage: create-admin --username <name> --email <email> [--password-file <file>]";
const migrationsDir = fileURLToPath(new URL("../migrations", import.meta.url));

async function passwordFrom(file: string | undefined): Promise<string> {
  if (file) return readPasswordFile(file);
  if (process.env.SHOP_ADMIN_PASSWORD) return process.env.SHOP_ADMIN_PASSWORD;
  if (!process.stdin.isTTY) throw new Error("no password: pass --password-file, set SHOP_ADMIN_PASSWORD, or run on a terminal");
  const first = await promptHidden("password for the admin: ");
  if ((await promptHidden("repeat it: ")) !== first) throw new Error("the two passwords differ");
  return first;
}

const outcomeLine = {
  created: "created admin",
  promoted: "granted the admin role to existing user",
  unchanged: "already an admin (password unchanged):",
} as const;

/** Runs `create-admin` with the arguments after the command name; returns the exit code. */
export async function createAdminCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv[0] === "create-admin" ? argv.slice(1) : argv,
      options: { username: { type: "string" }, email: { type: "string" }, "password-file": { type: "string" } },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`create-admin: ${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (!args.username || !args.email) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig(userSchema, userEnv);
  let db;
  try {
    const password = await passwordFrom(args["password-file"]);
    if (password.length < passwordMinLength) throw new Error(`the password must have at least ${passwordMinLength} characters`);
    const c = config.value;
    const database = `${c.dbPrefix}user`;
    await ensureDatabase(c.postgresUrl, database);
    db = createDb(databaseUrl(c.postgresUrl, database), 2);
    await migrate(db, migrationsDir);
    const { outcome, user } = await ensureAdmin(await createDeps(db, config), { username: args.username, email: args.email, password });
    console.log(`create-admin: ${outcomeLine[outcome]} ${user.username} <${user.email}> (id ${user.id}) in database ${database}`);
    return 0;
  } catch (err) {
    console.error(`create-admin: ${err instanceof AppError ? `${err.reason}: ${err.message}` : (err as Error).message}`);
    return 1;
  } finally {
    await db?.$client.end();
    config.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "create-admin") process.exitCode = await createAdminCommand(rest);
  else {
    console.error(usage);
    process.exitCode = 2;
  }
}
