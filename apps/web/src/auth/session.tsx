// Who is signed in, for the pages: the tokens (tokens.ts) and the user they belong to (GetMe).
// Signing in or up stores the tokens, then merges the guest's cart into the shopper's own.
import { AccountService } from "@shop/contracts/shop/user/v1/account_pb.ts";
import { AuthService } from "@shop/contracts/shop/user/v1/auth_pb.ts";
import { Role } from "@shop/contracts/shop/user/v1/user_pb.ts";
import { CartService } from "@shop/contracts/shop/cart/v1/cart_pb.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { rpc, type Input } from "../api/client.ts";
import { guestCart } from "../api/guest-cart.ts";
import { rpcQuery } from "../api/query.ts";
import { session } from "./tokens.ts";

async function mergeGuestCart(): Promise<void> {
  const cartToken = guestCart.token();
  if (!cartToken) return;
  try {
    await rpc(CartService.method.mergeGuestCart, { cartToken });
  } finally {
    // A cart that cannot be merged (expired, already merged) is not offered again.
    guestCart.clear();
  }
}

export async function signIn(login: string, password: string): Promise<void> {
  const pair = await rpc(AuthService.method.login, { login, password });
  session.setFromPair(pair);
  await mergeGuestCart().catch(() => undefined);
}

export async function signUp(input: Input<typeof AuthService.method.register>): Promise<void> {
  const res = await rpc(AuthService.method.register, input);
  if (res.tokens) session.setFromPair(res.tokens);
  await mergeGuestCart().catch(() => undefined);
}

export async function signOut(): Promise<void> {
  const t = session.get();
  if (t) await rpc(AuthService.method.logout, { refreshToken: t.refreshToken }).catch(() => undefined);
  session.clear();
}

export function useSignedIn(): boolean {
  return useSyncExternalStore(session.subscribe, session.signedIn);
}

/** The signed-in user (undefined for a guest or while loading) and whether they are an admin. */
export function useSession() {
  const signedIn = useSignedIn();
  const client = useQueryClient();
  const me = useQuery({ ...rpcQuery(AccountService.method.getMe, {}), enabled: signedIn, staleTime: 60_000 });
  const user = signedIn ? me.data : undefined;
  return {
    signedIn,
    user,
    loading: signedIn && me.isPending,
    isAdmin: user?.roles.includes(Role.ADMIN) ?? false,
    signOut: async () => {
      await signOut();
      client.clear();
    },
  };
}
