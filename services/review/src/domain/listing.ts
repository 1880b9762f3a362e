// How review lists are sorted and paged.
const defaultPageSize = 20;
const maxPageSize = 100;

export const pageSizeOf = (requested: number) => Math.min(requested || defaultPageSize, maxPageSize);

export type ReviewSort = "newest" | "most_helpful";

export type Visibility = "visible" | "hidden" | undefined;
