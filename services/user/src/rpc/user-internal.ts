// UserInternalService: another service (notification, to mail a shopper) reads one user's contact.
// The access option keeps it to callers inside the system; the user id comes from the request.
import type { ServiceImpl } from "@connectrpc/connect";
import type { userv1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { getMe } from "../usecases/get-me.ts";

export function userInternalService(d: Deps): ServiceImpl<typeof userv1.UserInternalService> {
  return {
    async getUserContact(req) {
      const user = await getMe(d, req.userId);
      return { userId: user.id, email: user.email, displayName: user.displayName };
    },
  };
}
