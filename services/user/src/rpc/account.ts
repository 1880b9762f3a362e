// AccountService: the caller's own profile; the user id comes from the access token only.
import type { ServiceImpl } from "@connectrpc/connect";
import type { userv1 } from "@shop/contracts";
import { changePassword } from "../usecases/change-password.ts";
import type { Deps } from "../usecases/deps.ts";
import { getMe } from "../usecases/get-me.ts";
import { updateMe } from "../usecases/update-me.ts";
import { clientIpOf, principalOf, toUser } from "./mapping.ts";

export function accountService(d: Deps): ServiceImpl<typeof userv1.AccountService> {
  return {
    async getMe(_req, ctx) {
      return toUser(await getMe(d, principalOf(ctx).userId));
    },
    async updateMe(req, ctx) {
      return toUser(await updateMe(d, principalOf(ctx).userId, { displayName: req.displayName, email: req.email }));
    },
    async changePassword(req, ctx) {
      await changePassword(d, {
        userId: principalOf(ctx).userId,
        currentPassword: req.currentPassword,
        newPassword: req.newPassword,
        clientIp: clientIpOf(ctx),
      });
      return {};
    },
  };
}
