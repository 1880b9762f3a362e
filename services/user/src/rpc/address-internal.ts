// AddressInternalService: another service (order, at checkout) reads one user's address. The
// access option keeps it to callers inside the system; the user id comes from the request.
import type { ServiceImpl } from "@connectrpc/connect";
import type { userv1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { getAddress } from "../usecases/get-address.ts";
import { toAddress } from "./mapping.ts";

export function addressInternalService(d: Deps): ServiceImpl<typeof userv1.AddressInternalService> {
  return {
    async getUserAddress(req) {
      return toAddress(await getAddress(d, req.userId, req.addressId));
    },
  };
}
