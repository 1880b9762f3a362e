// A throwaway single-member etcd for one test file: its own data dir and free ports on 127.0.0.1.
// `restart` keeps the ports and (unless asked) the data, to test what survives an etcd outage.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Debian's etcd-server package installs here; SHOP_TEST_ETCD_BIN points elsewhere. */
const etcdBin = process.env.SHOP_TEST_ETCD_BIN ?? "/usr/bin/etcd";

export interface EtcdServer {
  /** Client URL, the value for SHOP_ETCD_URL. */
  url: string;
  /** SIGKILL, then start again on the same ports; `wipe` starts from an empty data dir. */
  restart(opts?: { wipe?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/** Ports the OS hands out, all held open together so they are distinct. */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (s) =>
        new Promise<number>((resolve, reject) => {
          s.once("error", reject);
          s.listen(0, "127.0.0.1", () => resolve((s.address() as { port: number }).port));
        }),
    ),
  );
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`etcd exited with ${child.exitCode}\n${log()}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok && ((await res.json()) as { health?: string }).health === "true") return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`etcd did not become healthy at ${url} within ${timeoutMs} ms\n${log()}`);
}

export async function startEtcd(timeoutMs = 20_000): Promise<EtcdServer> {
  if (!existsSync(etcdBin)) {
    throw new Error(`etcd is not installed (${etcdBin} is missing); install it with: apt-get install -y etcd-server`);
  }
  const [clientPort, peerPort] = await freePorts(2);
  const url = `http://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  let dataDir = await mkdtemp(join(tmpdir(), "shop-etcd-"));
  let child: ChildProcess;
  let stderr = "";

  const launch = async () => {
    stderr = "";
    // etcd 3.4 logs every request at info; keep only the tail for error messages.
    child = spawn(
      etcdBin,
      [
        "--name=test",
        `--data-dir=${dataDir}`,
        `--listen-client-urls=${url}`,
        `--advertise-client-urls=${url}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=test=${peerUrl}`,
        "--initial-cluster-state=new",
        "--log-level=warn",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    await waitHealthy(url, child, () => stderr, timeoutMs);
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  };

  // A test process that ends without calling stop (a crash, a failed before hook) takes etcd along.
  const reap = () => void child.kill("SIGKILL");
  process.once("exit", reap);
  try {
    await launch();
  } catch (err) {
    process.off("exit", reap);
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    async restart(opts = {}) {
      await kill();
      if (opts.wipe) {
        await rm(dataDir, { recursive: true, force: true });
        dataDir = await mkdtemp(join(tmpdir(), "shop-etcd-"));
      }
      await launch();
    },
    async stop() {
      process.off("exit", reap);
      await kill();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
