// The payment service's contracts (RPCs and events) in one namespace.
export * from "./gen/shop/payment/v1/payment_pb.js";
export * from "./gen/shop/payment/v1/events_pb.js";
export * from "./gen/shop/payment/v1/wallet_pb.js";
