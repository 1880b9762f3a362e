// deploy/compose.yaml: the whole infrastructure profile on one machine, with Prometheus, Grafana
// and Jaeger. One image for every service (built from the repository's Dockerfile), a different
// command each. Paths are relative to deploy/, where the file lives.
import { commonConfig, devSecrets, images, infra, services, sharedSecrets, type ServiceSpec } from "./description.ts";

const healthy = { condition: "service_healthy" } as const;
const every = { interval: "5s", timeout: "3s", retries: 30 };

// The image has no curl: node asks /readyz itself.
const readyz = (port: number) => ["CMD", "node", "-e", `fetch('http://127.0.0.1:${port}/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`];

function shopService(s: ServiceSpec) {
  const env: Record<string, string> = { ...commonConfig("compose"), SHOP_ADVERTISE_HOST: s.name, ...s.env };
  for (const key of [...sharedSecrets, ...s.secrets]) env[key] = `\${${key}:-${devSecrets[key]}}`;
  const dependsOn: Record<string, typeof healthy> = { postgres: healthy, redis: healthy, rabbitmq: healthy, etcd: healthy };
  for (const callee of s.calls) dependsOn[callee] = healthy;
  return {
    image: images.shop,
    // The same build on each: built once, the others hit the cache; `docker build -t shop:latest .` does as well.
    build: { context: "..", dockerfile: "Dockerfile" },
    command: ["node", `services/${s.name}/dist/main.js`],
    environment: env,
    depends_on: dependsOn,
    healthcheck: { test: readyz(s.httpPort), ...every, start_period: "10s" },
    ...(s.name === "gateway" ? { ports: [`${s.httpPort}:${s.httpPort}`] } : {}),
    read_only: true,
    tmpfs: ["/tmp", "/var/lib/shop"],
    restart: "unless-stopped",
  };
}

export function composeFile() {
  const shop = Object.fromEntries(services.map((s) => [s.name, shopService(s)]));
  return {
    services: {
      postgres: {
        image: images.postgres,
        environment: { POSTGRES_PASSWORD: "${POSTGRES_PASSWORD:-dev-only-password}" },
        command: ["postgres", "-c", "max_connections=200"],
        volumes: ["postgres:/var/lib/postgresql/data"],
        healthcheck: { test: ["CMD", "pg_isready", "-U", "postgres"], ...every },
      },
      redis: { image: images.redis, healthcheck: { test: ["CMD", "redis-cli", "ping"], ...every } },
      rabbitmq: {
        image: images.rabbitmq,
        environment: { RABBITMQ_DEFAULT_USER: "shop", RABBITMQ_DEFAULT_PASS: "${RABBITMQ_PASSWORD:-dev-only-password}" },
        healthcheck: { test: ["CMD", "rabbitmq-diagnostics", "-q", "check_port_connectivity"], ...every },
      },
      etcd: {
        image: images.etcd,
        command: ["etcd", "--data-dir=/etcd-data", "--listen-client-urls=http://0.0.0.0:2379", "--advertise-client-urls=http://etcd:2379"],
        volumes: ["etcd:/etcd-data"],
        healthcheck: { test: ["CMD", "etcdctl", "endpoint", "health"], ...every },
      },
      jaeger: {
        image: images.jaeger,
        environment: { COLLECTOR_OTLP_ENABLED: "true" },
        ports: [`${infra.jaegerUi}:${infra.jaegerUi}`],
      },
      prometheus: {
        image: images.prometheus,
        command: ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"],
        volumes: ["./compose/prometheus.yml:/etc/prometheus/prometheus.yml:ro", "./prometheus/rules:/etc/prometheus/rules:ro", "prometheus:/prometheus"],
        // 9090 is the user service's port in the embedded profile: the host sees Prometheus on 9490.
        ports: [`9490:${infra.prometheus}`],
      },
      grafana: {
        image: images.grafana,
        // SHOP_PROMETHEUS_URL: the provisioned data source's address (deploy/grafana/provisioning).
        environment: { GF_AUTH_ANONYMOUS_ENABLED: "true", GF_AUTH_ANONYMOUS_ORG_ROLE: "Viewer", SHOP_PROMETHEUS_URL: `http://prometheus:${infra.prometheus}` },
        volumes: ["./grafana/provisioning:/etc/grafana/provisioning:ro", "./grafana/dashboards:/var/lib/grafana/dashboards:ro"],
        depends_on: { prometheus: { condition: "service_started" } },
        ports: [`${infra.grafana}:${infra.grafana}`],
      },
      ...shop,
    },
    volumes: { postgres: {}, etcd: {}, prometheus: {} },
  };
}

/**
 * Prometheus of the Compose file: a scrape job per deployable, named for it (the rules and
 * dashboards group by `job`; `service` on the rpc_* series is the proto service, so no target label
 * may take that name), static targets, the gateway's on its operations port.
 */
export function prometheusConfig() {
  return {
    global: { scrape_interval: "15s", evaluation_interval: "15s" },
    rule_files: ["rules/*.yml"],
    scrape_configs: services.map((s) => ({ job_name: s.name, static_configs: [{ targets: [`${s.name}:${s.opsPort ?? s.httpPort}`] }] })),
  };
}
