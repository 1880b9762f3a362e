// A throwaway single-member etcd for one test file: its own data dir and free ports on 127.0.0.1.
// `restart` keeps the ports and (unless asked) the data, to test what survives an etcd outage.
// With `tls` (PEM files) it serves https and asks every client for a certificate from that CA.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import https from "node:https";
import { mkdtemp, rm } from "node:fs/promises";
import { freePort } from "@shop/launcher/ports";
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

/** Free ports, distinct from each other. */
async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

export interface EtcdTlsFiles {
  ca: string;
  cert: string;
  key: string;
}

/** GET /health, over https with a client certificate when etcd wants one. */
async function healthy(url: string, tls: EtcdTlsFiles | undefined): Promise<boolean> {
  if (!tls) {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok && ((await res.json()) as { health?: string }).health === "true";
  }
  const [ca, cert, key] = [tls.ca, tls.cert, tls.key].map((f) => readFileSync(f));
  return new Promise((resolve, reject) => {
    const req = https.get(`${url}/health`, { ca, cert, key, timeout: 1000 }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve(res.statusCode === 200 && (JSON.parse(body) as { health?: string }).health === "true"));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

async function waitHealthy(url: string, tls: EtcdTlsFiles | undefined, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`etcd exited with ${child.exitCode}\n${log()}`);
    try {
      if (await healthy(url, tls)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`etcd did not become healthy at ${url} within ${timeoutMs} ms\n${log()}`);
}

export async function startEtcd(opts: { timeoutMs?: number; tls?: EtcdTlsFiles } = {}): Promise<EtcdServer> {
  const { timeoutMs = 20_000, tls } = opts;
  if (!existsSync(etcdBin)) {
    throw new Error(`etcd is not installed (${etcdBin} is missing); install it with: apt-get install -y etcd-server`);
  }
  const [clientPort, peerPort] = await freePorts(2);
  const url = `${tls ? "https" : "http"}://127.0.0.1:${clientPort}`;
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
        ...(tls ? [`--cert-file=${tls.cert}`, `--key-file=${tls.key}`, `--trusted-ca-file=${tls.ca}`, "--client-cert-auth"] : []),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    await waitHealthy(url, tls, child, () => stderr, timeoutMs);
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
