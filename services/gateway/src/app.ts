// Builds the gateway's HTTP apps from their dependencies, without listening: main.ts listens, tests
// and benchmarks inject. The public app routes what the contracts' descriptors declare; the
// operations app (ops.ts) serves metrics, traces and health details on a port of its own.
import { resolve } from "node:path";
import { Code, type Transport } from "@connectrpc/connect";
import { filev1, logisticsv1, paymentv1, services, userv1 } from "@shop/contracts";
import type { Config } from "@shop/kit/config";
import type { Registry } from "@shop/kit/discovery/registry";
import type { Health } from "@shop/kit/health";
import type { Logger } from "@shop/kit/log";
import { createUserJwksVerifier } from "@shop/kit/user-jwks";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { createAuthorizer } from "./auth.ts";
import { consolePaths } from "./console/admin.ts";
import { consoleOpenApiPaths } from "./console/openapi.ts";
import { installOperationsConsole } from "./console/wire.ts";
import type { GatewayConfig } from "./config.ts";
import { installDocs } from "./docs.ts";
import { HttpError, installErrorHandling } from "./errors.ts";
import { grayPaths, installGrayAdmin } from "./gray/admin.ts";
import { grayOpenApiPaths } from "./gray/openapi.ts";
import { createGrayRouter } from "./gray/router.ts";
import { createRulesSource } from "./gray/source.ts";
import { installProbeRoutes, watchInstances } from "./health.ts";
import { privateNoStore } from "./http-cache.ts";
import { installObservability } from "./observe.ts";
import { buildOpsApp } from "./ops.ts";
import { buildOpenApi } from "./openapi/document.ts";
import { filePaths } from "./providers/files-openapi.ts";
import { installFileRoutes } from "./providers/files.ts";
import { providerPaths } from "./providers/openapi.ts";
import { installProviderRoutes } from "./providers/routes.ts";
import { carrierPaths, installCarrierRoutes } from "./providers/carrier-routes.ts";
import { createRateLimits, installIpRateLimit } from "./rate-limit.ts";
import { installApiRoutes, installMethodNotAllowed } from "./routes/api.ts";
import { buildRoutes, type Verb } from "./routes/table.ts";
import { defaultWebDir, installWeb, type WebApp } from "./web.ts";
import { opsService } from "./service-discovery.ts";

export interface AppDeps {
  config: Config<GatewayConfig>;
  logger: Logger;
  registry: Registry;
  /** One per upstream deployable (the keys of the contracts' `services` table). */
  transports: Record<string, Transport>;
  health: Health;
}

export interface GatewayApps {
  /** The public listener: the REST API, its documents and the probes. */
  api: FastifyInstance;
  /** The operations listener: /metrics, /debug/traces, detailed /healthz and /readyz. */
  ops: FastifyInstance;
}

export function buildApp(deps: AppDeps): GatewayApps {
  const { config, logger } = deps;
  const c = config.value;
  const fastifyLogger: FastifyBaseLogger = logger; // fastify's own type, so the app is a plain FastifyInstance
  const app = Fastify({
    loggerInstance: fastifyLogger,
    logController: new LogController({ disableRequestLogging: true }), // observe.ts writes one line per request instead of two
    bodyLimit: c.gateway.bodyLimitBytes,
    trustProxy: c.gateway.trustProxy,
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: false, // answered below, in the API's error shape
  });
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  app.addHook("onRequest", (_req, _reply, done) => {
    if (!closing) return done();
    done(new HttpError(Code.Unavailable, "SHUTTING_DOWN", "the gateway is shutting down; retry", { headers: { connection: "close" } }));
  });
  // JSON only: any other body type is answered 415 before it is read.
  app.removeContentTypeParser("text/plain");
  app.addHook("onSend", (_req, reply, payload, done) => {
    reply.header("x-content-type-options", "nosniff");
    // Only a public read sets its own (http-cache.ts); errors, signed-in answers and the rest are never stored.
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", privateNoStore);
    done(null, payload);
  });
  const web: { app?: WebApp } = {}; // installed below, after the API's routes
  installErrorHandling(app, logger, (req, reply) => web.app?.fallback(req, reply) ?? false);
  installObservability(app, logger);
  // Keys under <dbPrefix>gateway: in a shared Redis, as the services keep theirs under their own prefix.
  const limits = createRateLimits({ redisUrl: c.redisUrl, keyPrefix: `${c.dbPrefix}gateway:rate-`, logger });
  app.addHook("onReady", () => limits.start());
  app.addHook("onClose", () => limits.close());
  installIpRateLimit(app, limits, () => config.value.gateway.rateLimit.perIpPerMinute);

  const routes = buildRoutes(services);
  const authHost = Object.entries(services).find(([, descs]) => (descs as readonly unknown[]).includes(userv1.AuthService))?.[0];
  const authTransport = authHost ? deps.transports[authHost] : undefined;
  if (!authTransport) throw new Error("no transport for the deployable that serves AuthService");
  const verify = createUserJwksVerifier(c.auth, authTransport, c.rpcTimeoutMs);
  const authorize = createAuthorizer(verify);
  const deployables = Object.keys(services);
  const grayRules = createRulesSource(c.gateway.grayRulesFile ? resolve(c.gateway.grayRulesFile) : undefined, deployables, logger);
  app.addHook("onClose", (_app, done) => {
    grayRules.close();
    done();
  });
  const grayRouter = createGrayRouter(grayRules);
  installGrayAdmin(app, { router: grayRouter, source: grayRules, authorize, deployables });
  installApiRoutes(app, {
    routes,
    transports: deps.transports,
    authorize,
    timeoutMs: () => config.value.rpcTimeoutMs,
    microcacheMs: () => config.value.gateway.microcacheMs,
    microcacheMaxBytes: c.gateway.microcacheMaxBytes,
    cachePolicy: () => config.value.gateway.httpCache,
    limitUser: (userId) => limits.take("user", userId, config.value.gateway.rateLimit.perUserPerMinute),
    limitRoute: (userId, rpc, perMinute) => limits.take("route", `${userId}:${rpc}`, perMinute),
    gray: {
      router: grayRouter,
      identify: (token) =>
        verify(token).then(
          (p) => p.userId,
          () => undefined,
        ),
    },
  });

  // The payment providers' hosted page and webhooks, when a deployable serves PaymentProviderService.
  const providerHost = Object.entries(services).find(([, descs]) => (descs as readonly unknown[]).includes(paymentv1.PaymentProviderService))?.[0];
  const providerTransport = providerHost ? deps.transports[providerHost] : undefined;
  if (providerTransport) installProviderRoutes(app, { transport: providerTransport, timeoutMs: () => config.value.rpcTimeoutMs, logger });

  // The carriers' tracking webhooks, when a deployable serves CarrierWebhookService.
  const carrierHost = Object.entries(services).find(([, descs]) => (descs as readonly unknown[]).includes(logisticsv1.CarrierWebhookService))?.[0];
  const carrierTransport = carrierHost ? deps.transports[carrierHost] : undefined;
  if (carrierTransport) installCarrierRoutes(app, { transport: carrierTransport, timeoutMs: () => config.value.rpcTimeoutMs });

  // Image uploads and downloads, when a deployable serves FileService.
  const fileHost = Object.entries(services).find(([, descs]) => (descs as readonly unknown[]).includes(filev1.FileService))?.[0];
  const fileTransport = fileHost ? deps.transports[fileHost] : undefined;
  if (fileTransport) {
    installFileRoutes(app, {
      transport: fileTransport,
      authorize,
      limitUser: (userId) => limits.take("user", userId, config.value.gateway.rateLimit.perUserPerMinute),
      maxBytes: c.gateway.files.maxBytes,
      uploadTimeoutMs: () => config.value.gateway.files.uploadTimeoutMs,
      timeoutMs: () => config.value.rpcTimeoutMs,
    });
  }

  const document = buildOpenApi(routes);
  if (providerTransport) Object.assign(document.paths as Record<string, unknown>, providerPaths);
  if (carrierTransport) Object.assign(document.paths as Record<string, unknown>, carrierPaths);
  if (fileTransport) Object.assign(document.paths as Record<string, unknown>, filePaths(c.gateway.files.maxBytes));
  Object.assign(document.paths as Record<string, unknown>, grayOpenApiPaths, consoleOpenApiPaths);
  const openapi = JSON.stringify(document);
  app.get("/openapi.json", (_req, reply) => reply.type("application/json; charset=utf-8").header("cache-control", "no-cache").send(openapi));
  installDocs(app);
  web.app = installWeb(app, c.gateway.webDir ? resolve(c.gateway.webDir) : defaultWebDir(), logger);

  // The gateways' operations listeners too, for /sd/prometheus.
  const instances = watchInstances(deps.registry, [...deployables, opsService]);
  app.addHook("onClose", (_app, done) => {
    instances.stop();
    done();
  });
  deps.health.addCheck("upstreams", () => {
    const missing = deployables.filter((d) => !instances.get(d)?.length);
    return missing.length ? Promise.reject(new Error(`no instance of ${missing.join(", ")}`)) : Promise.resolve();
  });
  installProbeRoutes(app, deps.health);
  const ops = buildOpsApp(logger, { health: deps.health, deployables, instances, timeoutMs: () => config.value.gateway.healthTimeoutMs });
  installOperationsConsole(app, { config, logger, authorize, health: deps.health, deployables, instances, ops });

  const fixed: { path: string; verb: Verb }[] = [
    "/openapi.json",
    "/docs",
    "/healthz",
    "/readyz",
    grayPaths.view,
    ...Object.values(consolePaths).filter((p) => p !== consolePaths.replay),
  ].map((path) => ({ path, verb: "GET" }));
  fixed.push({ path: grayPaths.rules, verb: "PUT" }, { path: consolePaths.replay, verb: "POST" });
  installMethodNotAllowed(app, [...routes.map((r) => ({ path: r.path, verb: r.verb })), ...fixed]);
  return { api: app, ops };
}
