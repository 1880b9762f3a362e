// Infrastructure in Kubernetes. etcd (the registry) is in the base: both overlays run it in the
// cluster. PostgreSQL, Redis and RabbitMQ are dev's only (prod uses managed servers), each a
// single-replica Deployment with an emptyDir: data lives as long as the pod.
import { devSecrets, images, infra } from "./description.ts";
import { labelsOf, selectorOf } from "./k8s-service.ts";

const restricted = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };

export function etcd() {
  const labels = labelsOf("etcd", "infra");
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "etcd", labels },
      spec: {
        clusterIP: "None", // headless: a stable name per member (etcd-0.etcd)
        publishNotReadyAddresses: true,
        selector: selectorOf("etcd"),
        ports: [
          { name: "client", port: infra.etcd },
          { name: "peer", port: infra.etcdPeer },
        ],
      },
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "etcd", labels },
      spec: {
        serviceName: "etcd",
        replicas: 1,
        selector: { matchLabels: selectorOf("etcd") },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "etcd",
                image: images.etcd,
                command: [
                  "etcd",
                  "--name=$(POD_NAME)",
                  "--data-dir=/var/lib/etcd",
                  `--listen-client-urls=http://0.0.0.0:${infra.etcd}`,
                  `--advertise-client-urls=http://$(POD_NAME).etcd:${infra.etcd}`,
                  `--listen-peer-urls=http://0.0.0.0:${infra.etcdPeer}`,
                  `--initial-advertise-peer-urls=http://$(POD_NAME).etcd:${infra.etcdPeer}`,
                  `--initial-cluster=etcd-0=http://etcd-0.etcd:${infra.etcdPeer}`,
                ],
                env: [{ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
                ports: [
                  { name: "client", containerPort: infra.etcd },
                  { name: "peer", containerPort: infra.etcdPeer },
                ],
                readinessProbe: { httpGet: { path: "/health", port: "client" }, periodSeconds: 5 },
                livenessProbe: { httpGet: { path: "/livez", port: "client" }, periodSeconds: 10, failureThreshold: 3 },
                resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } },
                securityContext: { ...restricted, readOnlyRootFilesystem: true },
                volumeMounts: [{ name: "data", mountPath: "/var/lib/etcd" }],
              },
            ],
          },
        },
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
      },
    },
  ];
}

interface DataServer {
  name: "postgres" | "redis" | "rabbitmq";
  image: string;
  port: number;
  env?: { name: string; value: string }[];
  probe: string[];
  mount: string;
}

const dataServers: DataServer[] = [
  {
    name: "postgres",
    image: images.postgres,
    port: infra.postgres,
    env: [
      { name: "POSTGRES_PASSWORD", value: new URL(devSecrets.SHOP_POSTGRES_URL!).password },
      { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
    ],
    probe: ["pg_isready", "-U", "postgres"],
    mount: "/var/lib/postgresql/data",
  },
  { name: "redis", image: images.redis, port: infra.redis, probe: ["redis-cli", "ping"], mount: "/data" },
  {
    name: "rabbitmq",
    image: images.rabbitmq,
    port: infra.rabbitmq,
    env: [
      { name: "RABBITMQ_DEFAULT_USER", value: new URL(devSecrets.SHOP_AMQP_URL!).username },
      { name: "RABBITMQ_DEFAULT_PASS", value: new URL(devSecrets.SHOP_AMQP_URL!).password },
    ],
    probe: ["rabbitmq-diagnostics", "-q", "check_port_connectivity"],
    mount: "/var/lib/rabbitmq",
  },
];

export function devDataServers() {
  return dataServers.flatMap((d) => {
    const labels = labelsOf(d.name, "infra");
    return [
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: d.name, labels },
        spec: { selector: selectorOf(d.name), ports: [{ name: d.name, port: d.port }] },
      },
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: d.name, labels },
        spec: {
          replicas: 1,
          strategy: { type: "Recreate" },
          selector: { matchLabels: selectorOf(d.name) },
          template: {
            metadata: { labels },
            spec: {
              automountServiceAccountToken: false,
              containers: [
                {
                  name: d.name,
                  image: d.image,
                  ...(d.env ? { env: d.env } : {}),
                  ports: [{ name: d.name, containerPort: d.port }],
                  readinessProbe: { exec: { command: d.probe }, periodSeconds: 5, timeoutSeconds: 5 },
                  resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
                  volumeMounts: [{ name: "data", mountPath: d.mount }],
                },
              ],
              volumes: [{ name: "data", emptyDir: {} }],
            },
          },
        },
      },
    ];
  });
}
