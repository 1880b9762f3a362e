// The inventory service's contracts (RPCs and events) in one namespace.
export * from "./gen/shop/inventory/v1/inventory_pb.js";
export * from "./gen/shop/inventory/v1/events_pb.js";
export * from "./gen/shop/inventory/v1/reservation_pb.js";
