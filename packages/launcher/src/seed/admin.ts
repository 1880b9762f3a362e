// The seed acts as an admin of its own, "demo-seed", so it goes through the public admin APIs like
// any admin would. It is created with the user service's own create-admin command (run as a child
// process against the system's database); its password is generated once and kept, 0600, in the
// data folder, as the embedded profile keeps its other secrets.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { entryArgs } from "@shop/kit/entry";
import type { Output } from "../output.ts";

export const seedAdmin = { username: "demo-seed", email: "demo-seed@shop.local" };

function passwordFile(dataDir: string): string {
  const file = join(dataDir, "demo-seed.password");
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600 });
  return file;
}

/** Ensures the seed's admin exists; returns its password. `env` reaches the system's PostgreSQL. */
export async function ensureSeedAdmin(repoRoot: string, dataDir: string, env: NodeJS.ProcessEnv, out: Output): Promise<string> {
  const file = passwordFile(dataDir);
  const args = [
    ...entryArgs(repoRoot, "services/user", "cli"),
    "create-admin",
    "--username",
    seedAdmin.username,
    "--email",
    seedAdmin.email,
    "--password-file",
    file,
  ];
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
  return readFileSync(file, "utf8").trim();
}
