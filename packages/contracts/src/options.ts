// Our custom proto options: who may call an RPC, and which topic an event is published on.
export * from "./gen/shop/options/v1/access_pb.js";
export * from "./gen/shop/options/v1/event_pb.js";
