// Starts the real backend services (user, inventory, product: every deployable the gateway routes
// to, in the launcher's order) and a gateway in front of them, each as its own process, and talks
// plain HTTP to the gateway the way a browser or curl would.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchedServices } from "@shop/launcher/config";
import { freePort } from "@shop/launcher/ports";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { takeSlot } from "@shop/testkit/slots";

export interface Stack {
  /** Every service's database is `<dbPrefix><service>`. */
  dbPrefix: string;
  user: ServiceProcess;
  /** Every backend service by deployable name, the user service included. */
  backends: Record<string, ServiceProcess>;
  gateway: ServiceProcess;
  dataDir: string;
  /** Starts a stopped or killed backend again, on the ports it had and with the same environment. */
  restart(name: string): Promise<ServiceProcess>;
  /** Another gateway in front of the same services. */
  startGateway(env?: Record<string, string>): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

export interface StackOptions {
  userEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
  /** For every backend service. */
  env?: Record<string, string>;
}

/** Whole shops up at once across the parallel test run (see @shop/testkit/slots). */
const stackSlots = 2;

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  await requirePostgres();
  const release = await takeSlot("stack", stackSlots);
  try {
    return await startStackInSlot(opts, release);
  } catch (err) {
    release();
    throw err;
  }
}

async function startStackInSlot(opts: StackOptions, release: () => void): Promise<Stack> {
  const prefix = uniqueDbPrefix();
  // Chosen first, so the services that hand out public URLs (payment's checkout page and webhook) know it.
  const gatewayPort = String(await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), "shop-gw-"));
  const extra: ServiceProcess[] = [];
  const backends: Record<string, ServiceProcess> = {};
  // Each service finds those started before it through the static registry: their real ports.
  const found: Record<string, string> = { SHOP_GATEWAY_HTTP_PORT: gatewayPort };
  const envs: Record<string, Record<string, string>> = {};
  const stopBackends = () => Promise.all(Object.values(backends).map((p) => p.stop()));
  try {
    for (const name of launchedServices.filter((n) => n !== "gateway")) {
      const own =
        name === "user"
          ? { SHOP_ARGON2_MEMORY_KIB: "4096", SHOP_ARGON2_TIME_COST: "1", ...opts.userEnv } // fast hashing: the tests are about the gateway
          : {};
      // Small pools: two stacks of nine processes may run at once beside the other test files on one
      // PostgreSQL (max_connections 100). Not 2: with 2, a checkout test once got a 503 from the cart.
      envs[name] = { SHOP_POSTGRES_URL: postgresUrl, SHOP_DB_POOL_MAX: "3", SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, ...found, ...opts.env, ...own };
      const svc = await startServiceProcess(name, envs[name]);
      backends[name] = svc;
      found[`SHOP_${name.toUpperCase()}_HTTP_PORT`] = String(svc.httpPort);
      found[`SHOP_${name.toUpperCase()}_GRPC_PORT`] = String(svc.grpcPort);
    }
  } catch (err) {
    await stopBackends();
    throw err;
  }
  let first = true;
  const startGateway = async (env: Record<string, string> = {}) => {
    // The first gateway takes the port the services were told; others any free one.
    const port = first ? gatewayPort : "0";
    first = false;
    // The bus the services use, for the operations console's dead letters.
    const bus = { SHOP_POSTGRES_URL: postgresUrl, SHOP_DB_PREFIX: prefix, ...(opts.env?.SHOP_AMQP_URL ? { SHOP_AMQP_URL: opts.env.SHOP_AMQP_URL } : {}) };
    const gw = await startServiceProcess("gateway", {
      ...found,
      ...bus,
      SHOP_GATEWAY_HTTP_PORT: port,
      SHOP_GATEWAY_OPS_PORT: "0",
      SHOP_DATA_DIR: dataDir,
      ...env,
    });
    extra.push(gw);
    return gw;
  };
  let gateway: ServiceProcess;
  try {
    gateway = await startGateway(opts.gatewayEnv);
  } catch (err) {
    await stopBackends();
    throw err;
  }
  return {
    dbPrefix: prefix,
    user: backends.user!,
    backends,
    gateway,
    dataDir,
    startGateway,
    async restart(name) {
      const upper = name.toUpperCase();
      const old = backends[name]!;
      const ports = { [`SHOP_${upper}_HTTP_PORT`]: String(old.httpPort), [`SHOP_${upper}_GRPC_PORT`]: String(old.grpcPort) };
      backends[name] = await startServiceProcess(name, { ...envs[name], ...ports });
      return backends[name];
    },
    async stop() {
      await Promise.all(extra.map((p) => p.stop()));
      // In reverse: callers before the services they call.
      for (const p of Object.values(backends).reverse()) await p.stop();
      await dropDatabases(prefix);
      rmSync(dataDir, { recursive: true, force: true });
      release();
    },
  };
}

/** The port of a gateway's operations listener (metrics, traces, health details), from its log. */
export function opsPortOf(gateway: ServiceProcess): number {
  const line = gateway.logs.find((l) => typeof l.opsPort === "number");
  assert.ok(line, "the gateway logged its operations port");
  return line.opsPort as number;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON of `body`. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function client(port: number) {
  return async function call(method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined) headers["content-type"] = opts.contentType ?? "application/json";
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON (HTML, metrics): callers look at `text`
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

export type Call = ReturnType<typeof client>;

/** The error shape every refusal has: `{code, message, details}`, no stack trace. */
export function assertErrorBody(res: Answer, status: number, code?: string): void {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.equal(typeof res.json.code, "string", res.text);
  assert.equal(typeof res.json.message, "string", res.text);
  const details = res.json.details as Record<string, unknown> | undefined;
  assert.ok(details && typeof details.reason === "string" && Array.isArray(details.violations), res.text);
  assert.doesNotMatch(res.text, /\n\s+at /, "no stack trace");
  assert.doesNotMatch(res.text, / {4}at /, "no stack trace");
  if (code) assert.equal(res.json.code, code, res.text);
}

let counter = 0;

/** Registers a fresh user through the gateway; returns its tokens and id. */
export async function register(call: Call, name = `u${process.pid}x${++counter}`) {
  const password = "correct-horse-battery";
  const res = await call("POST", "/api/v1/auth/register", { body: { username: name, email: `${name}@example.com`, password } });
  assert.equal(res.status, 200, res.text);
  const user = res.json.user as { id: string; username: string };
  const tokens = res.json.tokens as { accessToken: string; refreshToken: string };
  return { id: user.id, username: name, password, access: tokens.accessToken, refresh: tokens.refreshToken };
}

export const sampleAddress = {
  recipientName: "Ada Lovelace",
  phone: "+44 20 7946 0000",
  countryCode: "GB",
  city: "London",
  line1: "12 St James's Square",
  postalCode: "SW1Y 4LB",
};

export const adminLogin = { username: "root", email: "root@example.com", password: "root-password-123" };

/** A stack whose user service made `root` an admin at start, and a client signed in as it. */
export async function startStackWithAdmin(
  gatewayEnv: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<{ stack: Stack; call: Call; adminToken: string }> {
  const stack = await startStack({
    env,
    userEnv: { SHOP_ADMIN_EMAIL: adminLogin.email, SHOP_ADMIN_USERNAME: adminLogin.username, SHOP_ADMIN_PASSWORD: adminLogin.password },
    gatewayEnv: { SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "100000", ...gatewayEnv },
  });
  const call = client(stack.gateway.httpPort);
  const login = await call("POST", "/api/v1/auth/login", { body: { login: adminLogin.username, password: adminLogin.password } });
  assert.equal(login.status, 200, login.text);
  return { stack, call, adminToken: login.json.accessToken as string };
}
