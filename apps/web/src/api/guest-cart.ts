// A guest's cart is a server-side cart named by a token the browser keeps; signing in merges it into
// the shopper's own cart (auth/session.tsx) and forgets the token.
const key = "shop.guestCart";

export const guestCart = {
  token: (): string | undefined => localStorage.getItem(key) ?? undefined,
  set: (token: string) => localStorage.setItem(key, token),
  clear: () => localStorage.removeItem(key),
};
