// One Connect router on two listeners: HTTP/1.1 (Connect JSON/binary, gRPC-Web, plus /healthz,
// /readyz, /metrics, /debug/traces) and h2c (gRPC, Connect over HTTP/2), both with the standard
// gRPC reflection and health services (grpc-tooling.ts). With certificates (tls.ts) the HTTP/2
// listener speaks mutual TLS and the HTTP/1.1 one keeps only the probes and /metrics, so no RPC
// reaches a service past its client-certificate check.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { createContextValues, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import type { Health } from "../health.ts";
import type { Logger } from "../log.ts";
import { metricsRegistry } from "../metrics.ts";
import { initTelemetry } from "../telemetry.ts";
import { clientIpKey, internalCallerKey } from "./context.ts";
import { createGrpcTooling } from "./grpc-tooling.ts";
import { internalTokenHeader, isInternalCaller } from "./internal-trust.ts";
import { serverInterceptors, type TokenVerifier } from "./server-interceptors.ts";
import { serverTlsOptions, type TlsMaterial } from "./tls.ts";

export interface RpcServerOptions {
  name: string;
  host: string;
  httpPort: number;
  grpcPort: number;
  routes: (router: ConnectRouter) => void;
  verifyToken: TokenVerifier;
  /** The shared internal token (SHOP_INTERNAL_TOKEN); empty: loopback callers are internal. */
  internalToken?: string;
  /** The cluster's CA and this service's certificate: mutual TLS on the HTTP/2 listener. */
  tls?: TlsMaterial;
  health: Health;
  logger: Logger;
  /** Largest request body accepted, in bytes. */
  readMaxBytes?: number;
  /** Extra plain-HTTP routes (e.g. /.well-known/jwks.json); return true when handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface RpcServer {
  httpPort: number;
  grpcPort: number;
  /** Stops accepting, waits for in-flight calls up to `graceMs`, then cuts what is left. */
  close(graceMs?: number): Promise<void>;
}

type AnyReq = IncomingMessage | http2.Http2ServerRequest;
type AnyRes = ServerResponse | http2.Http2ServerResponse;

function internalCallerOf(token: string): (req: AnyReq) => boolean {
  return (req) => {
    const presented = req.headers[internalTokenHeader];
    return isInternalCaller(typeof presented === "string" ? presented : undefined, req.socket.remoteAddress, token);
  };
}

function sendJson(res: AnyRes, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startRpcServer(opts: RpcServerOptions): Promise<RpcServer> {
  const tooling = createGrpcTooling(opts.health);
  const internalCaller = internalCallerOf(opts.internalToken ?? "");
  const adapter = connectNodeAdapter({
    routes: tooling.learn(opts.routes),
    interceptors: serverInterceptors(opts.logger, opts.verifyToken),
    readMaxBytes: opts.readMaxBytes ?? 1024 * 1024,
    contextValues: (req) => {
      const internal = internalCaller(req);
      const forwarded = req.headers["x-shop-client-ip"];
      const ip = internal && typeof forwarded === "string" && forwarded ? forwarded : (req.socket.remoteAddress ?? "unknown");
      return createContextValues().set(clientIpKey, ip).set(internalCallerKey, internal);
    },
  });
  let inFlight = 0;
  let idle: (() => void) | undefined;
  // Traces hold other people's requests and readiness details name the servers behind a service:
  // both for the services' own callers and operators on this host; others get the bare status.
  const handle = (req: AnyReq, res: AnyRes) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") return sendJson(res, 200, { status: "ok", service: opts.name });
    if (path === "/readyz") {
      void opts.health.report().then((r) => sendJson(res, r.ready ? 200 : 503, internalCaller(req) ? { service: opts.name, ...r } : { ready: r.ready }));
      return;
    }
    if (path === "/metrics") {
      void metricsRegistry.metrics().then((text) => {
        res.writeHead(200, { "content-type": metricsRegistry.contentType });
        res.end(text);
      });
      return;
    }
    // With certificates the plaintext listener answers probes and metrics only: anything else there would skip the client-certificate check.
    if (opts.tls && req instanceof http.IncomingMessage) return sendJson(res, 404, { code: "not_found", message: "served over mutual TLS on the gRPC port" });
    if (path === "/debug/traces") {
      if (!internalCaller(req)) return sendJson(res, 404, { code: "not_found", message: "traces are for callers inside the system" });
      const traceId = new URL(req.url ?? "/", "http://x").searchParams.get("trace_id") ?? undefined;
      return sendJson(res, 200, initTelemetry(opts.name).recentSpans(traceId));
    }
    if (opts.extraRoutes?.(req as IncomingMessage, res as ServerResponse)) return;
    inFlight++;
    res.once("close", () => {
      if (--inFlight === 0) idle?.();
    });
    (tooling.owns(req.url) ? tooling.handle : adapter)(req, res);
  };
  const h1 = http.createServer(handle);
  const h2 = opts.tls ? http2.createSecureServer(serverTlsOptions(opts.tls), handle) : http2.createServer(handle);
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on("session", (s) => {
    sessions.add(s);
    s.once("close", () => sessions.delete(s));
  });
  const listen = (server: http.Server | http2.Http2Server | http2.Http2SecureServer, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, opts.host, () => resolve((server.address() as AddressInfo).port));
    });
  const httpPort = await listen(h1, opts.httpPort);
  const grpcPort = await listen(h2, opts.grpcPort);
  opts.logger.info({ httpPort, grpcPort, host: opts.host, tls: !!opts.tls }, "listening");
  return {
    httpPort,
    grpcPort,
    async close(graceMs = 5000) {
      const closed = Promise.all([new Promise((r) => h1.close(r)), new Promise((r) => h2.close(r))]);
      for (const s of sessions) s.close(); // GOAWAY: clients finish what they sent, start nothing new
      tooling.close(); // health watchers have seen NOT_SERVING; their streams would never finish
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => (idle = r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
      h1.closeAllConnections();
      for (const s of sessions) s.destroy();
      await closed;
    },
  };
}
