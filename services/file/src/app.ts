// Builds the file service from its context: the token verifier (keys from the user service), the
// blob store the configuration names, the decode limiter and the two RPC services. Listening is
// the kit's job; it reads requests up to the upload limit plus room for the envelope.
import type { ConnectRouter } from "@connectrpc/connect";
import { filev1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import pLimit from "p-limit";
import type { FileConfig } from "./config.ts";
import { fileInternalService, fileService } from "./rpc/file.ts";
import { createStore } from "./storage/create.ts";
import type { Deps } from "./usecases/deps.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(filev1.FileService, fileService(deps));
  router.service(filev1.FileInternalService, fileInternalService(deps));
};

export function build(ctx: ServiceContext<FileConfig>): ServiceParts {
  const c = ctx.config.value;
  const userAuth = createUserAuth(ctx);
  const store = createStore(c);
  ctx.health.addCheck("storage", () => store.ping());
  const deps: Deps = {
    db: ctx.db,
    store,
    decode: pLimit(c.file.maxConcurrent),
    limits: () => ctx.config.value.file,
  };
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    readMaxBytes: c.file.maxBytes + 64 * 1024,
    stop() {
      userAuth.close();
      store.close();
      return Promise.resolve();
    },
  };
}
