// The gateway's gray-release admin routes (services/gateway/src/gray/admin.ts), which are not proto
// RPCs: their shapes as this page reads them.
import { gatewayJson } from "../../api/client.ts";

export interface GrayRule {
  version: string;
  percent: number;
  users: string[];
  header?: { name: string; value: string };
}

export interface GrayView {
  /** The rules file, null when the gateway was started without one (rules cannot be changed then). */
  file: string | null;
  loadedAt: string;
  /** The last version of the file that was refused, while the rules before it stay in force. */
  refused: { at: string; error: string } | null;
  services: Record<string, { rule: GrayRule; observed: { canary: number; stable: number; total: number; canaryPercent: number; fallbacks: number } }>;
}

export const grayKey = ["gray"] as const;
export const getGray = () => gatewayJson<GrayView>("GET", "/api/v1/admin/gray");
/** Replaces every rule (the whole document). */
export const putGray = (services: Record<string, GrayRule>) => gatewayJson<GrayView>("PUT", "/api/v1/admin/gray/rules", { services });

/** The services the gateway routes to, offered as names (the API lists them when one is wrong). */
export const deployables = ["user", "product", "inventory", "cart", "order", "payment", "coupon", "seckill", "review", "notification", "logistics", "file"];
