// What this browser remembers of a shopper's sales: that they attempted one (so the page asks for
// their attempt, which is a 404 for a shopper who never tried) and that they follow one (the API
// answers following only when asked to follow).
const key = (what: string, userId: string, saleId: string) => `shop.flash.${what}.${userId}.${saleId}`;

export const remembered = {
  attempted: (userId: string, saleId: string) => localStorage.getItem(key("attempt", userId, saleId)) === "1",
  setAttempted: (userId: string, saleId: string) => localStorage.setItem(key("attempt", userId, saleId), "1"),
  following: (userId: string, saleId: string) => localStorage.getItem(key("follow", userId, saleId)) === "1",
  setFollowing: (userId: string, saleId: string, on: boolean) =>
    on ? localStorage.setItem(key("follow", userId, saleId), "1") : localStorage.removeItem(key("follow", userId, saleId)),
};
