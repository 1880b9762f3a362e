// The user service as the tests of other services need it: cheap hashing and a bootstrap admin.
import { startServiceProcess, type ServiceProcess } from "./process.ts";

/** Cheap argon2 parameters: the tests exercise logic, not hashing cost. */
export const fastHashing = { SHOP_ARGON2_MEMORY_KIB: "1024", SHOP_ARGON2_TIME_COST: "1" };

export interface TestAdmin {
  username: string;
  email: string;
  password: string;
}

export function startUserWithAdmin(env: Record<string, string>, admin: TestAdmin): Promise<ServiceProcess> {
  return startServiceProcess("user", {
    ...env,
    ...fastHashing,
    SHOP_ADMIN_USERNAME: admin.username,
    SHOP_ADMIN_EMAIL: admin.email,
    SHOP_ADMIN_PASSWORD: admin.password,
  });
}

/** The variables that point another process at `service` (the static registry reads them). */
export function portsOf(service: string, p: Pick<ServiceProcess, "httpPort" | "grpcPort">): Record<string, string> {
  const prefix = `SHOP_${service.toUpperCase()}`;
  return { [`${prefix}_HTTP_PORT`]: String(p.httpPort), [`${prefix}_GRPC_PORT`]: String(p.grpcPort) };
}
