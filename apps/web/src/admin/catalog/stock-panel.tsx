// One SKU's stock: on hand, reserved, available; set the on-hand count (a stock take) or adjust it
// by a delta, each with a reason; and its movements, newest first, paged.
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { InventoryService } from "@shop/contracts/shop/inventory/v1/inventory_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Field } from "../../ui/field.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";

function StockForm({ skuId, mode }: { skuId: string; mode: "set" | "adjust" }) {
  const t = useT();
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [bad, setBad] = useState<string | undefined>();
  const reset = () => {
    setAmount("");
    setReason("");
  };
  const set = useRpcMutation(InventoryService.method.setStock, { onSuccess: reset });
  const adjust = useRpcMutation(InventoryService.method.adjustStock, { idempotent: true, onSuccess: reset });
  const m = mode === "set" ? set : adjust;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(amount);
    const ok = /^-?\d+$/.test(amount.trim()) && (mode === "set" ? n >= 0 : n !== 0);
    setBad(ok ? undefined : t(mode === "set" ? "admin.stock.badOnHand" : "admin.stock.badDelta"));
    if (!ok) return;
    if (mode === "set") set.mutate({ skuId, onHand: n, reason: reason.trim() });
    else adjust.mutate({ skuId, delta: n, reason: reason.trim() });
  };
  const title = mode === "set" ? t("admin.stock.setTitle") : t("admin.stock.adjustTitle");
  return (
    <form onSubmit={submit} aria-label={title} className="card">
      <h3>{title}</h3>
      <Field
        label={mode === "set" ? t("admin.stock.onHandField") : t("admin.stock.delta")}
        inputMode="numeric"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        required
        error={bad}
      />
      <Field
        label={mode === "set" ? t("admin.stock.setReason") : t("admin.stock.adjustReason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        maxLength={200}
      />
      {m.error && <ErrorBox error={m.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={m.isPending}>
          {mode === "set" ? t("admin.stock.set") : t("admin.stock.adjust")}
        </button>
      </div>
    </form>
  );
}

function Movements({ skuId }: { skuId: string }) {
  const t = useT();
  const f = useFormat();
  const pages = usePageTokens();
  const list = useQuery(rpcQuery(InventoryService.method.listMovements, { skuId, pageSize: 20, pageToken: pages.token }));
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  return (
    <section aria-labelledby="moves-title">
      <h3 id="moves-title">{t("admin.stock.movements")}</h3>
      <Async query={list}>
        {(page) => (
          <DataTable
            rows={page.movements}
            rowKey={(m) => m.id}
            empty={t("app.empty")}
            columns={[
              { header: t("admin.stock.when"), cell: (m) => f.dateTime(m.createdAt) },
              { header: t("admin.stock.onHand"), cell: (m) => (m.onHandDelta ? signed(m.onHandDelta) : "—") },
              { header: t("admin.stock.reserved"), cell: (m) => (m.reservedDelta ? signed(m.reservedDelta) : "—") },
              { header: t("admin.stock.reason"), cell: (m) => m.reason },
              { header: t("admin.stock.actor"), cell: (m) => m.actor, className: "muted" },
            ]}
          >
            <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
          </DataTable>
        )}
      </Async>
    </section>
  );
}

export function StockPanel({ skuId }: { skuId: string }) {
  const t = useT();
  const f = useFormat();
  const stock = useQuery(rpcQuery(InventoryService.method.getStock, { skuId }));
  return (
    <div className="admin-stack">
      <Async query={stock}>
        {(s) => (
          <dl className="stock-figures" aria-label={t("admin.stock.levels")}>
            <div>
              <dt>{t("admin.stock.onHand")}</dt>
              <dd>{f.number(s.onHand)}</dd>
            </div>
            <div>
              <dt>{t("admin.stock.reserved")}</dt>
              <dd>{f.number(s.reserved)}</dd>
            </div>
            <div>
              <dt>{t("admin.stock.available")}</dt>
              <dd>{f.number(s.available)}</dd>
            </div>
          </dl>
        )}
      </Async>
      <div className="admin-filters">
        <StockForm skuId={skuId} mode="set" />
        <StockForm skuId={skuId} mode="adjust" />
      </div>
      <Movements skuId={skuId} />
    </div>
  );
}
