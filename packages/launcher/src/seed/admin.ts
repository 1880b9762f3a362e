// The seed acts as an admin of its own, so it goes through the public admin APIs like any admin
// would. It is created with the user service's own create-admin command (run as a child process
// against the system's database). Its name is random per data folder (`demo-seed-<16 hex>`), since a
// name known in advance could be registered by someone else before the seed runs; the name and the
// generated password are kept, 0600, in the data folder, as the embedded profile keeps its other
// secrets. A data folder from before random names keeps its `demo-seed`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { entryArgs } from "@shop/kit/entry";
import type { Output } from "../output.ts";

const legacyName = "demo-seed";

export interface SeedAdminIdentity {
  username: string;
  email: string;
  passwordFile: string;
}

/** Creates the name and password files on first use; reads them back afterwards. */
export function seedAdminIdentity(dataDir: string): SeedAdminIdentity {
  const nameFile = join(dataDir, "demo-seed.username");
  const passwordFile = join(dataDir, "demo-seed.password");
  if (!existsSync(nameFile)) {
    const name = existsSync(passwordFile) ? legacyName : `${legacyName}-${randomBytes(8).toString("hex")}`;
    writeFileSync(nameFile, `${name}\n`, { mode: 0o600 });
  }
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600 });
  const username = readFileSync(nameFile, "utf8").trim();
  return { username, email: `${username}@shop.local`, passwordFile };
}

/** Ensures the seed's admin exists; returns its name and password. `env` reaches the system's PostgreSQL. */
export async function ensureSeedAdmin(repoRoot: string, dataDir: string, env: NodeJS.ProcessEnv, out: Output): Promise<{ username: string; password: string }> {
  const { username, email, passwordFile } = seedAdminIdentity(dataDir);
  const args = [...entryArgs(repoRoot, "services/user", "cli"), "create-admin", "--username", username, "--email", email, "--password-file", passwordFile];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (l) => {
      lines.push(l);
      out.child("seed", l, stream === child.stdout ? "stdout" : "stderr");
    });
  }
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`could not create the seed's admin (create-admin exited with ${code}): ${lines.slice(-3).join(" ")}`);
  return { username, password: readFileSync(passwordFile, "utf8").trim() };
}
