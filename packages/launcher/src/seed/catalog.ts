// The demo catalog, generated from the word lists with a seeded PRNG: the same 256 products, their
// SKUs, prices and stock on every machine, with no network. Titles are Chinese or English (a
// product is one or the other, as in a real shop); category names carry both.
import { createRng, type Rng } from "./prng.ts";
import { axes } from "./words/axes.ts";
import { electronics } from "./words/electronics.ts";
import { food } from "./words/food.ts";
import { living } from "./words/living.ts";
import type { Axis, Lang, Leaf, Pair, TopCategory } from "./words/types.ts";

export interface SeedCategory {
  key: string;
  name: string;
  parentKey: string | undefined;
  sortOrder: number;
}

export interface SeedSku {
  code: string;
  specs: { key: string; value: string }[];
  priceMinor: number;
  /** 0 when there is no "was" price. */
  compareAtPriceMinor: number;
  currency: string;
  stock: number;
}

export interface SeedProduct {
  title: string;
  subtitle: string;
  description: string;
  brand: string;
  categoryKey: string;
  attributes: { key: string; value: string }[];
  skus: SeedSku[];
}

export interface SeedCatalog {
  categories: SeedCategory[];
  products: SeedProduct[];
}

const tree: TopCategory[] = [...electronics, ...living, ...food];
const currency = "CNY";
const subtitles: Record<Lang, string[]> = {
  zh: ["限时优惠", "官方正品", "7天无理由退货", "满99包邮", "新品上市", "产地直发 · 新鲜到家"],
  en: ["Limited-time offer", "Official store", "Free returns within 30 days", "Free delivery over ¥99", "New arrival", "Customer favourite"],
};
const lang = (pair: Pair, l: Lang) => (l === "zh" ? pair[0] : pair[1]);
const categoryName = (pair: Pair) => `${pair[0]} / ${pair[1]}`;

/** Prices as shops write them: 5999, 299, 29.9 (in fen). */
function shopPrice(yuan: number): number {
  if (yuan >= 100) return (Math.round(yuan / 10) * 10 - 1) * 100;
  if (yuan >= 10) return (Math.round(yuan) - 0.1) * 100;
  return Math.round(yuan * 10) * 10 - 10 || 90;
}

/** Sizes that cost more start from the smallest (a single pack, 128GB); colours are any. */
function choose(axis: Axis, count: number, rng: Rng): Axis["values"][number][] {
  return axis.values.some(([, factor]) => factor !== 1) ? axis.values.slice(0, count) : rng.some(axis.values, count);
}

function skusOf(leaf: Leaf, l: Lang, rng: Rng, code: string): SeedSku[] {
  const [first, second] = leaf.axes.map((a) => axes[a]);
  const firstValues = choose(first!, second ? rng.int(2, 3) : rng.int(2, 4), rng);
  const secondValues = second ? choose(second, rng.int(1, 2), rng) : [undefined];
  const base = leaf.price[0] + rng.next() * (leaf.price[1] - leaf.price[0]);
  const discounted = rng.chance(0.35);
  const skus: SeedSku[] = [];
  for (const [v1, f1] of firstValues) {
    for (const v2 of secondValues) {
      const specs = [{ key: lang(first!.key, l), value: lang(v1, l) }];
      if (second && v2) specs.push({ key: lang(second.key, l), value: lang(v2[0], l) });
      const priceMinor = Math.round(shopPrice(base * f1 * (v2?.[1] ?? 1)));
      const compareAtPriceMinor = discounted ? Math.round(shopPrice((priceMinor / 100) * (1.1 + rng.next() * 0.3))) : 0;
      // Mostly plenty, sometimes nearly sold out: the storefront shows both.
      const stock = rng.chance(0.08) ? rng.int(1, 9) : rng.int(20, 500);
      skus.push({
        code: `${code}-${skus.length + 1}`,
        specs,
        priceMinor,
        compareAtPriceMinor: Math.max(compareAtPriceMinor, discounted ? priceMinor + 100 : 0),
        currency,
        stock,
      });
    }
  }
  return skus;
}

function productsOf(top: TopCategory, leaf: Leaf, categoryKey: string, rng: Rng, next: () => string): SeedProduct[] {
  return (["zh", "en"] as const).flatMap((l) =>
    leaf.items[l].map((item) => {
      const [named, name] = item.includes("|") ? item.split("|", 2) : ["", item];
      const brand = named || rng.pick(leaf.brands?.[l] ?? [""]);
      const title = named ? `${named} ${name}` : name!;
      const subtitle = rng.pick(subtitles[l]);
      const leafName = lang(leaf.name, l);
      const description =
        l === "zh"
          ? `${title}，${brand}出品，精选${leafName}好物。${subtitle}，下单即发货。`
          : `${title} by ${brand}, hand-picked for our ${leafName.toLowerCase()} range. ${subtitle}; ships the same day.`;
      const attribute = rng.pick(top.attribute.values);
      return {
        title,
        subtitle,
        description,
        brand,
        categoryKey,
        attributes: [{ key: lang(top.attribute.key, l), value: lang(attribute, l) }],
        skus: skusOf(leaf, l, rng, next()),
      };
    }),
  );
}

export function demoCatalog(seed = 20240601): SeedCatalog {
  const rng = createRng(seed);
  const categories: SeedCategory[] = [];
  const products: SeedProduct[] = [];
  let n = 0;
  const nextCode = () => `DEMO-${String(++n).padStart(4, "0")}`;
  tree.forEach((top, i) => {
    const topKey = `c${i + 1}`;
    categories.push({ key: topKey, name: categoryName(top.name), parentKey: undefined, sortOrder: (i + 1) * 10 });
    top.leaves.forEach((leaf, j) => {
      const key = `${topKey}.${j + 1}`;
      categories.push({ key, name: categoryName(leaf.name), parentKey: topKey, sortOrder: (j + 1) * 10 });
      products.push(...productsOf(top, leaf, key, rng, nextCode));
    });
  });
  return { categories, products };
}
