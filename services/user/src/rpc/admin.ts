// AdminUserService: the kit's access interceptor has already required the admin role.
import type { ServiceImpl } from "@connectrpc/connect";
import type { userv1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { listUsers } from "../usecases/list-users.ts";
import { setUserRoles } from "../usecases/set-user-roles.ts";
import { principalOf, roleFromProto, toUser } from "./mapping.ts";

export function adminUserService(d: Deps): ServiceImpl<typeof userv1.AdminUserService> {
  return {
    async listUsers(req) {
      const page = await listUsers(d, { pageSize: req.pageSize, pageToken: req.pageToken, query: req.query });
      return { users: page.users.map(toUser), nextPageToken: page.nextPageToken };
    },
    async setUserRoles(req, ctx) {
      return toUser(await setUserRoles(d, principalOf(ctx).userId, req.userId, req.roles.map(roleFromProto)));
    },
  };
}
