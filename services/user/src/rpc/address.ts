// AddressService: every call is scoped to the caller's own addresses.
import type { ServiceImpl } from "@connectrpc/connect";
import type { userv1 } from "@shop/contracts";
import type { AddressFields } from "../repo/addresses.ts";
import { createAddress } from "../usecases/create-address.ts";
import { deleteAddress } from "../usecases/delete-address.ts";
import type { Deps } from "../usecases/deps.ts";
import { getAddress } from "../usecases/get-address.ts";
import { listAddresses } from "../usecases/list-addresses.ts";
import { setDefaultAddress } from "../usecases/set-default-address.ts";
import { updateAddress } from "../usecases/update-address.ts";
import { principalOf, toAddress } from "./mapping.ts";

const fieldNames = ["recipientName", "phone", "countryCode", "region", "city", "district", "line1", "line2", "postalCode"] as const;

const createFields = (m: userv1.CreateAddressRequest): AddressFields => ({
  recipientName: m.recipientName,
  phone: m.phone,
  countryCode: m.countryCode,
  region: m.region,
  city: m.city,
  district: m.district,
  line1: m.line1,
  line2: m.line2,
  postalCode: m.postalCode,
});

/** Only the fields the request set (absent proto3 optionals are undefined). */
function patchOf(m: userv1.UpdateAddressRequest): Partial<AddressFields> {
  const patch: Partial<AddressFields> = {};
  for (const name of fieldNames) {
    const value = m[name];
    if (value !== undefined) patch[name] = value;
  }
  return patch;
}

export function addressService(d: Deps): ServiceImpl<typeof userv1.AddressService> {
  return {
    async createAddress(req, ctx) {
      return toAddress(await createAddress(d, principalOf(ctx).userId, createFields(req), req.isDefault));
    },
    async listAddresses(_req, ctx) {
      return { addresses: (await listAddresses(d, principalOf(ctx).userId)).map(toAddress) };
    },
    async getAddress(req, ctx) {
      return toAddress(await getAddress(d, principalOf(ctx).userId, req.addressId));
    },
    async updateAddress(req, ctx) {
      return toAddress(await updateAddress(d, principalOf(ctx).userId, req.addressId, patchOf(req)));
    },
    async deleteAddress(req, ctx) {
      await deleteAddress(d, principalOf(ctx).userId, req.addressId);
      return {};
    },
    async setDefaultAddress(req, ctx) {
      return toAddress(await setDefaultAddress(d, principalOf(ctx).userId, req.addressId));
    },
  };
}
