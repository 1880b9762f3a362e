// One service in Kubernetes: its Deployment, Service and PodDisruptionBudget (base).
import { dataDir, images, sharedSecrets, type ServiceSpec } from "./description.ts";

export const partOf = "shop";
export const labelsOf = (name: string, component = "service") => ({
  "app.kubernetes.io/name": name,
  "app.kubernetes.io/part-of": partOf,
  "app.kubernetes.io/component": component,
});
export const selectorOf = (name: string) => ({ "app.kubernetes.io/name": name });

export const configMapName = "shop-config";
export const secretName = "shop-secrets";

function ports(s: ServiceSpec) {
  return [
    { name: "http", containerPort: s.httpPort },
    ...(s.grpcPort ? [{ name: "grpc", containerPort: s.grpcPort }] : []),
    ...(s.opsPort ? [{ name: "ops", containerPort: s.opsPort }] : []),
  ];
}

// Readiness and start-up speak grpc.health.v1 (SERVING only while /readyz is ready). Liveness asks
// the HTTP /healthz instead: it stays 200 while the process serves, so a database outage makes pods
// unready, not restarted in a loop. The gateway has no gRPC listener: HTTP for all three.
function probes(s: ServiceSpec) {
  const ready = s.grpcPort ? { grpc: { port: s.grpcPort } } : { httpGet: { path: "/readyz", port: "http" } };
  return {
    startupProbe: { ...ready, periodSeconds: 2, failureThreshold: 60 },
    readinessProbe: { ...ready, periodSeconds: 5, failureThreshold: 2 },
    livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  };
}

function env(s: ServiceSpec) {
  return [
    // etcd registers the pod's own address: callers balance per request over pods (README "Deploy").
    { name: "SHOP_ADVERTISE_HOST", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    ...Object.entries(s.env).map(([name, value]) => ({ name, value })),
    ...[...sharedSecrets, ...s.secrets].map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: secretName, key } } })),
  ];
}

export function deployment(s: ServiceSpec) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: s.name, labels: labelsOf(s.name) },
    spec: {
      replicas: 1,
      selector: { matchLabels: selectorOf(s.name) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labelsOf(s.name) },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: s.name,
              image: images.shop,
              command: ["node", `services/${s.name}/dist/main.js`],
              ports: ports(s),
              envFrom: [{ configMapRef: { name: configMapName } }],
              env: env(s),
              ...probes(s),
              resources: s.resources.dev,
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              volumeMounts: [
                { name: "data", mountPath: dataDir },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            { name: "data", emptyDir: {} },
            { name: "tmp", emptyDir: {} },
          ],
        },
      },
    },
  };
}

/** A stable name and the public entry (the gateway); callers find pods through etcd, not through this. */
export function service(s: ServiceSpec) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: s.name, labels: labelsOf(s.name) },
    spec: {
      selector: selectorOf(s.name),
      ports: ports(s).map((p) => ({
        name: p.name,
        port: p.containerPort,
        targetPort: p.name,
        ...(p.name === "grpc" ? { appProtocol: "kubernetes.io/h2c" } : {}),
      })),
    },
  };
}

export function podDisruptionBudget(s: ServiceSpec) {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: s.name, labels: labelsOf(s.name) },
    // maxUnavailable, not minAvailable: one dev replica can still be drained, two prod replicas keep one up.
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(s.name) } },
  };
}
