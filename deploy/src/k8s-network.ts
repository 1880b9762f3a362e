// NetworkPolicies: nothing moves unless allowed. Each service accepts its callers on its gRPC port
// (the gateway also on the HTTP port, for the health page's /readyz), Prometheus on its metrics
// port, and the public only on the gateway's API port; it reaches DNS, etcd, the data servers and
// the trace collector, and its callees. test/deploy.test.ts reads them back against the call graph.
import { callersOf, infra, serviceNamed, services, type ServiceSpec } from "./description.ts";
import { partOf, selectorOf } from "./k8s-service.ts";

const tcp = (port: number) => ({ protocol: "TCP", port });
const pods = (name: string) => ({ podSelector: { matchLabels: selectorOf(name) } });
/** Prometheus of any namespace, by its usual label. */
export const prometheus = { namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } };
const policy = (name: string, podSelector: object, spec: object) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, labels: { "app.kubernetes.io/part-of": partOf } },
  spec: { podSelector, ...spec },
});

/** The ports a caller uses on a callee: gRPC, and HTTP for the gateway's health page. */
export const portsCalled = (caller: ServiceSpec, callee: ServiceSpec) => (caller.name === "gateway" ? [callee.grpcPort, callee.httpPort] : [callee.grpcPort]);

function servicePolicy(s: ServiceSpec) {
  const callers = callersOf(s.name).map(serviceNamed);
  const ingress = [
    ...callers.map((c) => ({ from: [pods(c.name)], ports: portsCalled(c, s).map(tcp) })),
    { from: [prometheus], ports: [tcp(s.opsPort ?? s.httpPort)] },
    ...(s.name === "gateway" ? [{ ports: [tcp(s.httpPort)] }] : []), // the public API: from anywhere
  ];
  const egress = [
    ...s.calls.map(serviceNamed).map((callee) => ({ to: [pods(callee.name)], ports: portsCalled(s, callee).map(tcp) })),
    ...s.httpCalls.map(serviceNamed).map((callee) => ({ to: [pods(callee.name)], ports: [tcp(callee.httpPort)] })),
    { to: [pods("etcd")], ports: [tcp(infra.etcd)] },
    // PostgreSQL, Redis, RabbitMQ and the OTLP collector: pods in dev, managed servers in prod.
    { ports: [tcp(infra.postgres), tcp(infra.redis), tcp(infra.rabbitmq), tcp(infra.otlpHttp)] },
    ...(s.externalPorts.length ? [{ ports: s.externalPorts.map(tcp) }] : []),
  ];
  return policy(s.name, { matchLabels: selectorOf(s.name) }, { policyTypes: ["Ingress", "Egress"], ingress, egress });
}

export function networkPolicies() {
  return [
    policy("default-deny", {}, { policyTypes: ["Ingress", "Egress"] }),
    policy("dns", {}, { policyTypes: ["Egress"], egress: [{ ports: [{ protocol: "UDP", port: 53 }, tcp(53)] }] }),
    ...services.map(servicePolicy),
    policy(
      "etcd",
      { matchLabels: selectorOf("etcd") },
      {
        policyTypes: ["Ingress", "Egress"],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { "app.kubernetes.io/part-of": partOf, "app.kubernetes.io/component": "service" } } }],
            ports: [tcp(infra.etcd)],
          },
          { from: [pods("etcd")], ports: [tcp(infra.etcd), tcp(infra.etcdPeer)] },
        ],
        egress: [{ to: [pods("etcd")], ports: [tcp(infra.etcd), tcp(infra.etcdPeer)] }],
      },
    ),
  ];
}

/** Dev's in-cluster data servers accept the services on their port. */
export function infraPolicy(name: "postgres" | "redis" | "rabbitmq") {
  return policy(
    name,
    { matchLabels: selectorOf(name) },
    {
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { "app.kubernetes.io/part-of": partOf, "app.kubernetes.io/component": "service" } } }],
          ports: [tcp(infra[name])],
        },
      ],
    },
  );
}
