// TEST DOUBLE of the user service's AddressInternalService (the real one is services/user): the
// addresses the test gives each user; another user's address is NOT_FOUND, as in the real one.
import { randomUUID } from "node:crypto";
import type { ConnectRouter } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import { AppError, toConnectError } from "@shop/kit/errors";

export interface FakeAddresses {
  routes: (router: ConnectRouter) => void;
  /** Gives `userId` an address; returns its id. */
  add(userId: string, city?: string): string;
}

export function fakeAddresses(): FakeAddresses {
  const byId = new Map<string, { userId: string; address: Omit<userv1.Address, "$typeName"> }>();
  return {
    routes: (router) =>
      router.service(userv1.AddressInternalService, {
        getUserAddress(req) {
          const found = byId.get(req.addressId);
          if (!found || found.userId !== req.userId) throw toConnectError(new AppError("not_found", "ADDRESS_NOT_FOUND", "address not found"));
          return found.address;
        },
      }),
    add(userId, city = "Lisbon") {
      const id = randomUUID();
      byId.set(id, {
        userId,
        address: {
          id,
          recipientName: "Ada Shopper",
          phone: "+351 912 345 678",
          countryCode: "PT",
          region: "Lisboa",
          city,
          district: "Alfama",
          line1: "Rua da Sé 1",
          line2: "",
          postalCode: "1100-001",
          isDefault: true,
        },
      });
      return id;
    },
  };
}
