// Texts of the account area (see define.ts).
import { defineTexts } from "./define.ts";

export default defineTexts({
  en: {},
  zh: {},
});
