-- The search index (see README "Search"): one document per on-sale product, refreshed by the
-- product.search-index consumer from product.changed and category.changed events.
create extension if not exists pg_trgm;

create table search_documents (
  product_id uuid primary key,
  title text not null,
  subtitle text not null,
  brand text not null,
  -- The product's category and all its ancestors: the category filter includes sub-categories.
  category_path uuid[] not null,
  price_minor bigint not null,
  currency text not null,
  sales_count bigint not null,
  published_at timestamptz(3) not null,
  -- English words stemmed ('english' configuration) and CJK text as character bigrams and
  -- unigrams; weights: title A, brand B, subtitle C, category names D.
  document tsvector not null,
  indexed_at timestamptz not null default now()
);
create index search_documents_document on search_documents using gin (document);
create index search_documents_category on search_documents using gin (category_path);
create index search_documents_brand on search_documents (lower(brand) text_pattern_ops);

-- The English stems of every indexed document: the dictionary a misspelt query word is corrected
-- against (nearest stems by trigram distance, then edit distance). Never pruned: a stem nobody
-- uses any more only offers a correction that finds nothing.
create table search_terms (
  term text primary key
);
create index search_terms_trigram on search_terms using gist (term gist_trgm_ops);
