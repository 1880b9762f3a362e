// A shipment's progress as data: the steps in the one order they can happen. A carrier's event
// moves the shipment only forward; an event for a step at or before the current one (late, or
// out of order) is kept in the timeline and moves nothing.

export const shipmentStatuses = ["CREATED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

/** What a carrier may report: every step but the registration. */
export const carrierStatuses = ["PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"] as const satisfies readonly ShipmentStatus[];
export type CarrierStatus = (typeof carrierStatuses)[number];

const rank = (s: ShipmentStatus) => shipmentStatuses.indexOf(s);

/** Whether an event reporting `reported` moves a shipment that is `current`. */
export const movesForward = (current: ShipmentStatus, reported: ShipmentStatus): boolean => rank(reported) > rank(current);
