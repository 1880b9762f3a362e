// Editable key/value rows: a product's attributes or a SKU's spec values, in the admin's order.
import type { Translate } from "../../i18n/i18n.tsx";
import { useT } from "../../i18n/i18n.tsx";

export interface Pair {
  key: string;
  value: string;
}

interface Props {
  /** Names the group for assistive technology, e.g. "Attributes", "Specs". */
  legend: string;
  /** Prefix of each row's input labels, e.g. "Spec" → "Spec 1 name". */
  rowLabel: string;
  items: Pair[];
  onChange: (items: Pair[]) => void;
}

const labelFor = (t: Translate, rowLabel: string, n: number, part: "key" | "value") =>
  t(part === "key" ? "admin.attrs.keyLabel" : "admin.attrs.valueLabel", { row: rowLabel, n });

/** Rows with a blank key are dropped when saved (the API needs a key). */
export const filled = (items: Pair[]): Pair[] => items.filter((i) => i.key.trim()).map((i) => ({ key: i.key.trim(), value: i.value.trim() }));

export function AttributesEditor({ legend, rowLabel, items, onChange }: Props) {
  const t = useT();
  const set = (index: number, part: Partial<Pair>) => onChange(items.map((item, i) => (i === index ? { ...item, ...part } : item)));
  return (
    <fieldset className="attrs">
      <legend>{legend}</legend>
      {items.map((item, i) => (
        <div className="attr-row" key={i}>
          <input
            aria-label={labelFor(t, rowLabel, i + 1, "key")}
            placeholder={t("admin.attrs.key")}
            value={item.key}
            onChange={(e) => set(i, { key: e.target.value })}
          />
          <input
            aria-label={labelFor(t, rowLabel, i + 1, "value")}
            placeholder={t("admin.attrs.value")}
            value={item.value}
            onChange={(e) => set(i, { value: e.target.value })}
          />
          <button type="button" aria-label={t("admin.attrs.remove", { row: rowLabel, n: i + 1 })} onClick={() => onChange(items.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...items, { key: "", value: "" }])}>
        {t("admin.attrs.add", { row: rowLabel })}
      </button>
    </fieldset>
  );
}
