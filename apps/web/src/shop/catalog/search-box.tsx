// The header's search box. (Catalog area: autocomplete as you type goes here.)
import { useNavigate } from "react-router";
import { PlainSearch } from "../../ui/plain-search.tsx";

export function SearchBox() {
  const navigate = useNavigate();
  return <PlainSearch onSubmit={(q) => void navigate(`/search?q=${encodeURIComponent(q)}`)} />;
}
