// The kustomize tree: deploy/k8s/base and the dev and prod overlays, as file name → objects.
import { commonConfig, devSecrets, prodConfig, prodScaling, services, sharedSecrets } from "./description.ts";
import { devDataServers, etcd } from "./k8s-infra.ts";
import { infraPolicy, networkPolicies } from "./k8s-network.ts";
import { configMapName, deployment, podDisruptionBudget, secretName, service } from "./k8s-service.ts";

/** A file: one or more objects (YAML documents). */
export type Files = Record<string, object[]>;

const kustomization = (body: object) => ({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", ...body });
const literals = (env: Record<string, string>) => Object.entries(env).map(([k, v]) => `${k}=${v}`);

export function base(): Files {
  const files: Files = { "etcd.yaml": etcd(), "network-policies.yaml": networkPolicies() };
  for (const s of services) files[`${s.name}.yaml`] = [deployment(s), service(s), podDisruptionBudget(s)];
  files["kustomization.yaml"] = [
    kustomization({
      resources: Object.keys(files).sort(),
      configMapGenerator: [{ name: configMapName, literals: literals(commonConfig("k8s")) }],
    }),
  ];
  return files;
}

const allSecretKeys = [...new Set([...sharedSecrets, ...services.flatMap((s) => s.secrets)])];

export function dev(): Files {
  return {
    "data-servers.yaml": [...devDataServers(), infraPolicy("postgres"), infraPolicy("redis"), infraPolicy("rabbitmq")],
    "kustomization.yaml": [
      kustomization({
        namespace: "shop-dev",
        resources: ["../../base", "data-servers.yaml"],
        configMapGenerator: [{ name: configMapName, behavior: "merge", literals: ["SHOP_LOG_LEVEL=debug"] }],
        // Obviously-dev values, so `kubectl apply -k` works as is; prod expects the Secret to exist.
        secretGenerator: [{ name: secretName, literals: allSecretKeys.map((k) => `${k}=${devSecrets[k]}`) }],
      }),
    ],
  };
}

const jwtSecret = "shop-jwt";

export function prod(): Files {
  // Bigger resources; every verifier pins the user service's public keys (README "What each profile
  // guarantees": then no instance registered in etcd can slip in a key of its own).
  const pinned = { name: "SHOP_JWT_PUBLIC_KEYS", valueFrom: { secretKeyRef: { name: jwtSecret, key: "jwks.json" } } };
  const deployments = services.map((s) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: s.name },
    spec: { template: { spec: { containers: [{ name: s.name, resources: s.resources.prod, ...(s.name === "user" ? {} : { env: [pinned] }) }] } } },
  }));
  // Every user instance signs with the same key, from the shop-jwt Secret (README "Deploy").
  const userKey = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "user" },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: "user",
              env: [{ name: "SHOP_JWT_PRIVATE_KEY_FILE", value: "/etc/shop/jwt/jwt-ed25519.pem" }],
              volumeMounts: [{ name: "jwt", mountPath: "/etc/shop/jwt", readOnly: true }],
            },
          ],
          volumes: [{ name: "jwt", secret: { secretName: jwtSecret, defaultMode: 0o440 } }],
        },
      },
    },
  };
  const hpa = services.map((s) => ({
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: s.name },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: s.name },
      minReplicas: prodScaling.replicas,
      maxReplicas: prodScaling.maxReplicas,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: prodScaling.cpuUtilization } } }],
    },
  }));
  return {
    "deployments.yaml": deployments,
    "user-jwt-key.yaml": [userKey],
    "hpa.yaml": hpa,
    "kustomization.yaml": [
      kustomization({
        namespace: "shop",
        resources: ["../../base", "hpa.yaml"],
        replicas: services.map((s) => ({ name: s.name, count: prodScaling.replicas })),
        patches: [{ path: "deployments.yaml" }, { path: "user-jwt-key.yaml" }],
        configMapGenerator: [{ name: configMapName, behavior: "merge", literals: literals(prodConfig) }],
      }),
    ],
  };
}
