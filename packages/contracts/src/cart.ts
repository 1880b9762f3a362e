// The cart service's contracts in one namespace.
export * from "./gen/shop/cart/v1/cart_pb.js";
