// Domain rows <-> proto messages, and what the kit's interceptors put into the call context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import { clientIpKey, principalKey, type Principal } from "@shop/kit/rpc/context";
import { isRoleName, type RoleName } from "../domain/roles.ts";
import type { AddressRow } from "../repo/addresses.ts";
import type { UserRow } from "../repo/users.ts";
import type { TokenPair } from "../usecases/session.ts";

const roleToProto: Record<RoleName, userv1.Role> = { customer: userv1.Role.CUSTOMER, admin: userv1.Role.ADMIN };

export function roleFromProto(role: userv1.Role): RoleName {
  switch (role) {
    case userv1.Role.CUSTOMER:
      return "customer";
    case userv1.Role.ADMIN:
      return "admin";
    case userv1.Role.UNSPECIFIED:
      // protovalidate refuses it before a handler runs.
      throw new Error("ROLE_UNSPECIFIED reached a handler");
  }
}

export function toUser(row: UserRow): MessageInitShape<typeof userv1.UserSchema> {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles.filter(isRoleName).map((r) => roleToProto[r]),
    createdAt: timestampFromDate(row.createdAt),
    updatedAt: timestampFromDate(row.updatedAt),
  };
}

export const toTokenPair = (p: TokenPair): MessageInitShape<typeof userv1.TokenPairSchema> => ({ ...p });

export function toAddress(row: AddressRow): MessageInitShape<typeof userv1.AddressSchema> {
  return {
    id: row.id,
    recipientName: row.recipientName,
    phone: row.phone,
    countryCode: row.countryCode,
    region: row.region,
    city: row.city,
    district: row.district,
    line1: row.line1,
    line2: row.line2,
    postalCode: row.postalCode,
    isDefault: row.isDefault,
    createdAt: timestampFromDate(row.createdAt),
    updatedAt: timestampFromDate(row.updatedAt),
  };
}

/** The signed-in caller; only called from RPCs declared ACCESS_USER or ACCESS_ADMIN. */
export function principalOf(ctx: HandlerContext): Principal {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal;
}

export const clientIpOf = (ctx: HandlerContext): string => ctx.values.get(clientIpKey);
