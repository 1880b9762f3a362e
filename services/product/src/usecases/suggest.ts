// Suggest: completions of what is being typed.
import type { Suggestion } from "../search/port.ts";
import type { Deps } from "./deps.ts";

const defaultLimit = 8;

export const suggest = (d: Deps, q: string, limit: number): Promise<Suggestion[]> => d.search.suggest(q, limit || defaultLimit);
