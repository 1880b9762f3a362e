// The order service's contracts (RPCs, the order model and events) in one namespace.
export * from "./gen/shop/order/v1/order_pb.js";
export * from "./gen/shop/order/v1/checkout_pb.js";
export * from "./gen/shop/order/v1/events_pb.js";
