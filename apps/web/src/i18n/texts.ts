// Every area's texts in one table per language; a key missing in Chinese is a type error in its area file.
import account from "./account.ts";
import admin from "./admin.ts";
import catalog from "./catalog.ts";
import common from "./common.ts";
import ops from "./ops.ts";
import sale from "./sale.ts";

export const texts = {
  en: { ...common.en, ...catalog.en, ...account.en, ...sale.en, ...admin.en, ...ops.en },
  zh: { ...common.zh, ...catalog.zh, ...account.zh, ...sale.zh, ...admin.zh, ...ops.zh },
};

export type TextKey = keyof typeof texts.en;
