// The logistics contracts: shipments and their events.
export * from "./gen/shop/logistics/v1/logistics_pb.js";
export * from "./gen/shop/logistics/v1/events_pb.js";
