// Our custom proto options: who may call an RPC, which topic an event is published on, and a
// route's own per-user rate limit.
export * from "./gen/shop/options/v1/access_pb.js";
export * from "./gen/shop/options/v1/event_pb.js";
export * from "./gen/shop/options/v1/rate_limit_pb.js";
