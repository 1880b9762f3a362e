// The one description of Shop's deployment. Compose, the Kubernetes manifests, the Prometheus
// configuration of Compose and the Dockerfile are generated from it (`npm run deploy:generate`), so
// they never drift from each other or from the code: ports come from the platform's table, the
// service list from the launcher, and test/deploy.test.ts checks the call graph below against
// every service's clients.
import { defaultPorts, type Deployable } from "@shop/kit/platform";
import { launchedServices } from "@shop/launcher/config";

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export interface ServiceSpec {
  name: Deployable;
  /** HTTP/1.1 listener: /healthz, /readyz, /metrics (the gateway's public API). */
  httpPort: number;
  /** HTTP/2 listener (gRPC, grpc.health.v1; what other services call); 0: none (the gateway). */
  grpcPort: number;
  /** The gateway's operations listener (/metrics, health details); never public. */
  opsPort?: number;
  /** Deployables this one calls over RPC (their gRPC port). */
  calls: Deployable[];
  /** Deployables whose HTTP port it calls outside RPC (the payment sandbox posts its webhooks to the gateway's public route). */
  httpCalls: Deployable[];
  /** TCP ports it reaches outside the cluster (an SMTP relay, an S3 endpoint). */
  externalPorts: number[];
  /** Secret keys it reads beyond the shared ones (env var names, keys of the shop-secrets Secret). */
  secrets: string[];
  /** Environment of its own (ConfigMap-free: not shared with the other services). */
  env: Record<string, string>;
  resources: { dev: Resources; prod: Resources };
}

const small: Resources = { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "384Mi" } };
const prod: Resources = { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "768Mi" } };
// argon2id hashes take 19 MiB each (README "Configuration"): the user service gets more memory.
const userDev: Resources = { requests: { cpu: "100m", memory: "192Mi" }, limits: { cpu: "1", memory: "512Mi" } };
const userProd: Resources = { requests: { cpu: "500m", memory: "384Mi" }, limits: { cpu: "2", memory: "1Gi" } };

/**
 * Who calls whom (services/<name>/src/clients and main.ts). Every token verifier (all but the
 * user service) also calls the user service for its public keys (packages/kit/src/user-jwks.ts)
 * unless they are pinned, so "user" is in each of those lists.
 */
const calls: Record<Deployable, Deployable[]> = {
  user: [],
  inventory: ["user"],
  product: ["inventory", "user"],
  cart: ["inventory", "product", "user"],
  coupon: ["product", "user"],
  order: ["cart", "coupon", "inventory", "product", "user"],
  payment: ["order", "user"],
  seckill: ["inventory", "product", "user"],
  file: ["user"],
  review: ["file", "user"],
  logistics: ["user"],
  notification: ["user"],
  // The gateway serves every deployable's API and asks each instance's /readyz (HTTP port) for its health page.
  gateway: ["user", "product", "inventory", "cart", "order", "payment", "coupon", "seckill", "file", "review", "logistics", "notification"],
};

/** Per-service secrets: HMAC keys every instance of that service must share. */
const ownSecrets: Partial<Record<Deployable, string[]>> = {
  payment: ["SHOP_PAYMENT_SANDBOX_WEBHOOK_SECRET"],
  seckill: ["SHOP_SECKILL_TOKEN_SECRET"],
  logistics: ["SHOP_LOGISTICS_SANDBOX_WEBHOOK_SECRET"],
};

/** SMTP (submission, implicit TLS, relay) for the email channel; HTTPS for an S3 bucket. */
const externalPorts: Partial<Record<Deployable, number[]>> = {
  notification: [25, 465, 587],
  file: [443],
};

const ownEnv: Partial<Record<Deployable, Record<string, string>>> = {
  // Prometheus scrapes the operations listener, so it binds every interface (NetworkPolicy keeps it off the public path).
  gateway: { SHOP_GATEWAY_OPS_HOST: "0.0.0.0" },
};

export const services: ServiceSpec[] = launchedServices.map((name) => ({
  name,
  httpPort: defaultPorts[name].http,
  grpcPort: defaultPorts[name].grpc,
  ...(name === "gateway" ? { opsPort: 8081 } : {}),
  calls: calls[name],
  httpCalls: name === "payment" || name === "logistics" ? ["gateway"] : [],
  externalPorts: externalPorts[name] ?? [],
  secrets: ownSecrets[name] ?? [],
  env: ownEnv[name] ?? {},
  resources: name === "user" ? { dev: userDev, prod: userProd } : { dev: small, prod },
}));

export const serviceNamed = (name: Deployable): ServiceSpec => services.find((s) => s.name === name)!;

/** Who calls `name`. */
export const callersOf = (name: Deployable): Deployable[] => services.filter((s) => s.calls.includes(name)).map((s) => s.name);

/** Secrets every service reads: the URLs carry credentials, the token and HMAC key must match across instances. */
export const sharedSecrets = ["SHOP_INTERNAL_TOKEN", "SHOP_IDEMPOTENCY_SECRET", "SHOP_POSTGRES_URL", "SHOP_AMQP_URL", "SHOP_REDIS_URL"];

/** Images of the infrastructure (Compose and the dev overlay). */
export const images = {
  shop: "shop:latest",
  postgres: "postgres:16-alpine",
  redis: "redis:7-alpine",
  rabbitmq: "rabbitmq:3.13-management-alpine",
  etcd: "quay.io/coreos/etcd:v3.5.17",
  prometheus: "prom/prometheus:v2.55.1",
  grafana: "grafana/grafana:11.3.0",
  jaeger: "jaegertracing/all-in-one:1.62.0",
};

/** Infrastructure ports. */
export const infra = {
  postgres: 5432,
  redis: 6379,
  rabbitmq: 5672,
  etcd: 2379,
  etcdPeer: 2380,
  otlpHttp: 4318,
  jaegerUi: 16686,
  prometheus: 9090,
  grafana: 3000,
};

/** Where the process keeps generated keys (an emptyDir / volume: the root filesystem is read-only). */
export const dataDir = "/var/lib/shop";

/** Non-secret configuration of every service in a cluster (the ConfigMap; Compose's environment). */
export function commonConfig(target: "compose" | "k8s"): Record<string, string> {
  return {
    SHOP_BIND_HOST: "0.0.0.0",
    SHOP_DATA_DIR: dataDir,
    SHOP_ETCD_URL: `http://etcd:${infra.etcd}`,
    SHOP_LOG_LEVEL: "info",
    SHOP_DB_POOL_MAX: "5",
    SHOP_REGISTRY_TTL_SECONDS: "10",
    // The payment sandbox: its pages as the browser reaches the gateway (Compose publishes 8080;
    // Kubernetes dev: kubectl port-forward; prod sets its domain), its webhooks inside the network.
    SHOP_PAYMENT_PUBLIC_URL: "http://localhost:8080",
    SHOP_PAYMENT_SANDBOX_WEBHOOK_URL: "http://gateway:8080/api/v1/payments/webhooks/sandbox",
    SHOP_LOGISTICS_SANDBOX_WEBHOOK_URL: "http://gateway:8080/api/v1/logistics/webhooks/sandbox",
    // Kubernetes: traces stay in memory until OTEL_EXPORTER_OTLP_ENDPOINT names a collector (README "Deploy").
    ...(target === "compose" ? { OTEL_EXPORTER_OTLP_ENDPOINT: `http://jaeger:${infra.otlpHttp}` } : {}),
  };
}

/** Values of the shared secrets for local runs (Compose, the dev overlay): obviously not for production. */
export const devSecrets: Record<string, string> = {
  SHOP_INTERNAL_TOKEN: "dev-only-internal-token-not-for-production",
  SHOP_IDEMPOTENCY_SECRET: "dev-only-idempotency-secret-not-for-production",
  SHOP_POSTGRES_URL: "postgres://postgres:dev-only-password@postgres:5432/postgres",
  SHOP_AMQP_URL: "amqp://shop:dev-only-password@rabbitmq:5672",
  SHOP_REDIS_URL: "redis://redis:6379",
  SHOP_PAYMENT_SANDBOX_WEBHOOK_SECRET: "dev-only-webhook-secret-not-for-production",
  SHOP_SECKILL_TOKEN_SECRET: "dev-only-seckill-secret-not-for-production",
  SHOP_LOGISTICS_SANDBOX_WEBHOOK_SECRET: "dev-only-logistics-webhook-secret-not-for-production",
};

/** Production: replicas and the autoscaler's bounds. */
export const prodScaling = { replicas: 2, maxReplicas: 6, cpuUtilization: 70 };

/** Production configuration over the common one: bigger pools, the public address (yours: edit here). */
export const prodConfig: Record<string, string> = { SHOP_DB_POOL_MAX: "10", SHOP_PAYMENT_PUBLIC_URL: "https://shop.example.com" };

export const header = (source: string) => `generated by \`npm run deploy:generate\` from deploy/src (${source}): do not edit`;
