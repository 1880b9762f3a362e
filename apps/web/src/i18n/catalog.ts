// Texts of the catalog area (see define.ts).
import { defineTexts } from "./define.ts";

export default defineTexts({
  en: {},
  zh: {},
});
