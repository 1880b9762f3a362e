// The configuration every process shares: where PostgreSQL and etcd are, which ports each
// deployable listens on (the static registry reads the same table), log level. Services extend
// `platformSchema` with their own keys and `platformEnv` with their own variables.
import { resolve } from "node:path";
import { z } from "zod";
import { logLevels } from "./log.ts";

/** Default ports of the embedded profile (docs/architecture.md#the-services); a new service gets its row here first. */
export const defaultPorts = {
  gateway: { http: 8080, grpc: 0 },
  user: { http: 9090, grpc: 9190 },
  product: { http: 9091, grpc: 9191 },
  inventory: { http: 9092, grpc: 9192 },
  cart: { http: 9093, grpc: 9193 },
  order: { http: 9094, grpc: 9194 },
  payment: { http: 9095, grpc: 9195 },
  coupon: { http: 9096, grpc: 9196 },
  seckill: { http: 9097, grpc: 9197 },
  review: { http: 9098, grpc: 9198 },
  notification: { http: 9099, grpc: 9199 },
  logistics: { http: 9100, grpc: 9200 },
  file: { http: 9101, grpc: 9201 },
} as const;

export type Deployable = keyof typeof defaultPorts;
export const deployables = Object.keys(defaultPorts) as Deployable[];

const port = z.coerce.number().int().min(0).max(65535);
const endpoint = (d: Deployable) =>
  z.object({ host: z.string().default("127.0.0.1"), httpPort: port.default(defaultPorts[d].http), grpcPort: port.default(defaultPorts[d].grpc) }).prefault({});

/** Access tokens: `iss` and `aud` (what the user service signs with and every verifier checks), and where verifiers take the keys from. */
export const tokenClaims = {
  issuer: z.string().min(1).default("shop"),
  audience: z.string().min(1).default("shop-api"),
  /** The user service's public JWKS, pinned: a file. When this or `publicKeys` is set, verifiers use only these keys and never fetch. */
  publicKeysFile: z.string().default(""),
  /** The same, inline (the JSON text of a JWKS). */
  publicKeys: z.string().default(""),
  /** Without pinned keys: how often verifiers fetch the user service's keys again, so a removed key stops being trusted. */
  keysRefreshSeconds: z.coerce.number().int().min(1).max(86_400).default(300),
};

/** PEM files for TLS; all empty: plaintext. */
const tlsFiles = {
  caFile: z.string().default(""),
  certFile: z.string().default(""),
  keyFile: z.string().default(""),
};

export const platformSchema = z.object({
  logLevel: z.enum(logLevels).default("info"),
  /** Address to bind; 0.0.0.0 in a cluster. */
  bindHost: z.string().default("127.0.0.1"),
  /** Address other instances reach this one at, as written to the registry. */
  advertiseHost: z.string().default("127.0.0.1"),
  dataDir: z
    .string()
    .default(".shop")
    .transform((p) => resolve(p)),
  /** Any database on the PostgreSQL server; each service uses `<dbPrefix><service>` on it. */
  postgresUrl: z.string().url().default("postgres://postgres@127.0.0.1:5432/postgres"),
  dbPrefix: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,40}$/)
    .default("shop_"),
  /** Connections a process keeps to its database at most (and to the bus's, with the PostgreSQL bus): size it so every instance fits the server's max_connections. */
  dbPoolMax: z.coerce.number().int().min(1).max(1000).default(10),
  /** Seconds a pooled connection may sit unused before it is closed: every process shares the server's max_connections, so a quiet one gives its connections back. */
  dbIdleSeconds: z.coerce.number().min(0.1).max(3600).default(30),
  /** Longest a single SQL statement may run, in ms (PostgreSQL statement_timeout); 0: no bound. */
  dbStatementTimeoutMs: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** RabbitMQ (amqp://user:pass@host:5672); when empty the bus is PostgreSQL queue tables. */
  amqpUrl: z.string().default(""),
  /** Redis (redis://host:6379); when empty caches and counters live in process and PostgreSQL. */
  redisUrl: z.string().default(""),
  /** etcd endpoints, comma separated; when empty the static table below is the registry. */
  etcdUrl: z.string().default(""),
  /** Seconds an instance stays registered without a keepalive. */
  registryTtlSeconds: z.coerce.number().int().min(2).max(300).default(10),
  /** Shared secret that marks calls between services (the gateway's forwarded client IP, internal RPCs). Empty: loopback callers are trusted. */
  internalToken: z.string().default(""),
  /** HMAC key of stored Idempotency-Key request fingerprints; the same on every instance. Empty: a random one kept in <dataDir>/keys. */
  idempotencySecret: z.union([z.literal(""), z.string().min(16)]).default(""),
  /** Mutual TLS between services: the CA bundle that signs every service's certificate, and this process's certificate and key (its SAN names the service). */
  tls: z.object(tlsFiles).prefault({}),
  /** etcd's own authentication and TLS (a CA bundle, and a client certificate and key when etcd asks for one). */
  etcd: z.object({ username: z.string().default(""), password: z.string().default(""), passwordFile: z.string().default(""), ...tlsFiles }).prefault({}),
  /** Default deadline of an RPC made to another service, in ms. */
  rpcTimeoutMs: z.coerce.number().int().min(50).max(120_000).default(5000),
  /** Access tokens: every service verifies them (the user service also signs them). */
  auth: z.object(tokenClaims).prefault({}),
  /** This process's version, written to the registry: the gateway's gray release rules route to instances by it. */
  serviceVersion: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
    .default("stable"),
  services: z.object(Object.fromEntries(deployables.map((d) => [d, endpoint(d)])) as { [K in Deployable]: ReturnType<typeof endpoint> }).prefault({}),
});

export type PlatformConfig = z.output<typeof platformSchema>;

export const platformEnv: Record<string, string> = {
  SHOP_LOG_LEVEL: "logLevel",
  SHOP_BIND_HOST: "bindHost",
  SHOP_ADVERTISE_HOST: "advertiseHost",
  SHOP_DATA_DIR: "dataDir",
  SHOP_POSTGRES_URL: "postgresUrl",
  SHOP_DB_PREFIX: "dbPrefix",
  SHOP_DB_STATEMENT_TIMEOUT_MS: "dbStatementTimeoutMs",
  SHOP_ETCD_URL: "etcdUrl",
  SHOP_AMQP_URL: "amqpUrl",
  SHOP_REDIS_URL: "redisUrl",
  SHOP_REGISTRY_TTL_SECONDS: "registryTtlSeconds",
  SHOP_RPC_TIMEOUT_MS: "rpcTimeoutMs",
  SHOP_DB_POOL_MAX: "dbPoolMax",
  SHOP_DB_IDLE_SECONDS: "dbIdleSeconds",
  SHOP_INTERNAL_TOKEN: "internalToken",
  SHOP_IDEMPOTENCY_SECRET: "idempotencySecret",
  SHOP_JWT_ISSUER: "auth.issuer",
  SHOP_JWT_AUDIENCE: "auth.audience",
  SHOP_JWT_PUBLIC_KEYS_FILE: "auth.publicKeysFile",
  SHOP_JWT_PUBLIC_KEYS: "auth.publicKeys",
  SHOP_JWT_KEYS_REFRESH_SECONDS: "auth.keysRefreshSeconds",
  SHOP_TLS_CA_FILE: "tls.caFile",
  SHOP_TLS_CERT_FILE: "tls.certFile",
  SHOP_TLS_KEY_FILE: "tls.keyFile",
  SHOP_ETCD_USERNAME: "etcd.username",
  SHOP_ETCD_PASSWORD: "etcd.password",
  SHOP_ETCD_PASSWORD_FILE: "etcd.passwordFile",
  SHOP_ETCD_CA_FILE: "etcd.caFile",
  SHOP_ETCD_CERT_FILE: "etcd.certFile",
  SHOP_ETCD_KEY_FILE: "etcd.keyFile",
  SHOP_SERVICE_VERSION: "serviceVersion",
  ...Object.fromEntries(
    deployables.flatMap((d) => {
      const p = `SHOP_${d.toUpperCase()}`;
      return [
        [`${p}_HOST`, `services.${d}.host`],
        [`${p}_HTTP_PORT`, `services.${d}.httpPort`],
        [`${p}_GRPC_PORT`, `services.${d}.grpcPort`],
      ];
    }),
  ),
};
