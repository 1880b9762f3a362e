// The storefront's home. (Catalog area: categories and featured products.)
import { useQuery } from "@tanstack/react-query";
import { CatalogService } from "@shop/contracts/shop/product/v1/catalog_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";

export function Component() {
  const fmt = useFormat();
  const products = useQuery(rpcQuery(CatalogService.method.listProducts, { pageSize: 12 }));
  return (
    <Async query={products}>
      {(page) => (
        <ul className="grid">
          {page.products.map((p) => (
            <li key={p.id} className="card">
              <h2>{p.title}</h2>
              <p>{fmt.money(p.priceMinor, p.currency)}</p>
            </li>
          ))}
        </ul>
      )}
    </Async>
  );
}
