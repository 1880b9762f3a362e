// Where a sale stands for the shopper now, from its window and the shopper's clock (the server's
// status can be a few seconds old in a cached answer): upcoming, live, sold out or ended.
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { FlashSaleStatus, type FlashSale } from "@shop/contracts/shop/seckill/v1/sale_pb.ts";

export type Phase = "upcoming" | "live" | "soldOut" | "ended";

export const startsMs = (s: FlashSale) => (s.startsAt ? timestampMs(s.startsAt) : 0);
export const endsMs = (s: FlashSale) => (s.endsAt ? timestampMs(s.endsAt) : 0);

export function phaseOf(s: FlashSale, now: number): Phase {
  if (s.status === FlashSaleStatus.ENDED || now >= endsMs(s)) return "ended";
  if (now < startsMs(s)) return "upcoming";
  return s.remaining <= 0 ? "soldOut" : "live";
}

/** Milliseconds as "2d 03:04:05" or "03:04:05". */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(total / 86_400);
  const p = (n: number) => String(n).padStart(2, "0");
  const hms = `${p(Math.floor((total % 86_400) / 3600))}:${p(Math.floor((total % 3600) / 60))}:${p(total % 60)}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}
