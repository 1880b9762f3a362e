// WalletService and AdminWalletService: the kit's interceptors have checked access and input, and
// its idempotency guard serves CreateTopUp's Idempotency-Key.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import { paymentv1 } from "@shop/contracts";
import type { EntryKind } from "../domain/ledger.ts";
import type { MovementRow } from "../repo/ledger.ts";
import type { TopUpRow, TopUpStatus } from "../repo/top-ups.ts";
import type { Deps } from "../usecases/deps.ts";
import { createTopUp, getTopUp } from "../usecases/top-ups.ts";
import { checkLedger, getWallet, walletStatement } from "../usecases/wallet.ts";
import { userOf } from "./mapping.ts";

const kindToProto: Record<EntryKind, paymentv1.MovementKind> = {
  top_up: paymentv1.MovementKind.TOP_UP,
  payment: paymentv1.MovementKind.PAYMENT,
  refund: paymentv1.MovementKind.REFUND,
};

const topUpStatusToProto: Record<TopUpStatus, paymentv1.TopUpStatus> = {
  PENDING: paymentv1.TopUpStatus.PENDING,
  SUCCEEDED: paymentv1.TopUpStatus.SUCCEEDED,
  FAILED: paymentv1.TopUpStatus.FAILED,
};

const toMovement = (m: MovementRow): MessageInitShape<typeof paymentv1.MovementSchema> => ({
  id: m.id,
  kind: kindToProto[m.kind],
  amountMinor: BigInt(m.amountMinor),
  currency: m.currency,
  balanceAfterMinor: BigInt(m.balanceAfterMinor),
  reference: m.reference,
  orderId: m.orderId ?? "",
  createdAt: timestampFromDate(m.createdAt),
});

const toTopUp = (t: TopUpRow): MessageInitShape<typeof paymentv1.TopUpSchema> => ({
  id: t.id,
  amountMinor: BigInt(t.amountMinor),
  currency: t.currency,
  status: topUpStatusToProto[t.status],
  checkoutUrl: t.status === "PENDING" ? t.checkoutUrl : "",
  failureReason: t.failureReason,
  createdAt: timestampFromDate(t.createdAt),
  updatedAt: timestampFromDate(t.updatedAt),
});

export function walletService(d: Deps): ServiceImpl<typeof paymentv1.WalletService> {
  return {
    async getWallet(_req, ctx) {
      const balances = await getWallet(d, userOf(ctx));
      return { balances: balances.map((b) => ({ currency: b.currency, balanceMinor: BigInt(b.balanceMinor) })) };
    },
    async listWalletStatement(req, ctx) {
      const page = await walletStatement(d, userOf(ctx), { currency: req.currency, pageSize: req.pageSize, pageToken: req.pageToken });
      return { movements: page.movements.map(toMovement), nextPageToken: page.nextPageToken };
    },
    async createTopUp(req, ctx) {
      // The validator bounds the amount well inside a safe integer.
      return toTopUp(await createTopUp(d, userOf(ctx), Number(req.amountMinor), req.currency));
    },
    async getTopUp(req, ctx) {
      return toTopUp(await getTopUp(d, userOf(ctx), req.topUpId));
    },
  };
}

export function adminWalletService(d: Deps): ServiceImpl<typeof paymentv1.AdminWalletService> {
  return {
    async checkLedger() {
      const c = await checkLedger(d);
      return {
        balanced: c.balanced,
        sums: c.sums.map((s) => ({ currency: s.currency, sumMinor: BigInt(s.sumMinor) })),
        entries: BigInt(c.entries),
        unbalancedEntries: BigInt(c.unbalancedEntries),
        negativeWallets: BigInt(c.negativeWallets),
        driftedWallets: BigInt(c.driftedWallets),
      };
    },
  };
}
