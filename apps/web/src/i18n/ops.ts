// Texts of the ops area (see define.ts).
import { defineTexts } from "./define.ts";

export default defineTexts({
  en: {},
  zh: {},
});
