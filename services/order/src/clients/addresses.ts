// The user service: one of the shopper's own addresses (another user's is NOT_FOUND there).
import { createClient, type Transport } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import type { AddressSnapshot } from "../repo/orders.ts";
import { upstream } from "@shop/kit/rpc/upstream";

export interface Addresses {
  address(userId: string, addressId: string): Promise<AddressSnapshot>;
}

export function addressesOver(transport: Transport): Addresses {
  const client = createClient(userv1.AddressInternalService, transport);
  return {
    async address(userId, addressId) {
      const a = await upstream("user", () => client.getUserAddress({ userId, addressId }));
      const { recipientName, phone, countryCode, region, city, district, line1, line2, postalCode } = a;
      return { recipientName, phone, countryCode, region, city, district, line1, line2, postalCode };
    },
  };
}
