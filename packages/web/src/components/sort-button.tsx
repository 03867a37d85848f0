import type { ReactNode } from "react";

export type SortDirection = "asc" | "desc";
export type SortState<K extends string = string> = { key: K; direction: SortDirection };

/** The value for a header cell's aria-sort. */
export function ariaSort(sort: SortState | undefined, key: string): "ascending" | "descending" | undefined {
  if (!sort || sort.key !== key) return undefined;
  return sort.direction === "asc" ? "ascending" : "descending";
}

/** A header button that sorts by its column; pressing it again reverses the order. */
export function SortButton({
  label,
  columnKey,
  sort,
  onSort,
}: {
  label: ReactNode;
  columnKey: string;
  sort: SortState | undefined;
  onSort: (key: string) => void;
}) {
  const active = sort?.key === columnKey;
  return (
    <button
      type="button"
      className={`sort-button${active ? " sort-button--active" : ""}`}
      onClick={() => onSort(columnKey)}
    >
      {label}
      <svg viewBox="0 0 12 12" aria-hidden="true" className="sort-button__icon">
        {active && sort.direction === "asc" ? (
          <path d="M3 7.5 6 4.5 9 7.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        ) : active ? (
          <path d="M3 4.5 6 7.5 9 4.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        ) : (
          <path
            d="M3.5 5 6 2.5 8.5 5M3.5 7 6 9.5 8.5 7"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.2"
            strokeLinecap="round"
          />
        )}
      </svg>
    </button>
  );
}

/** The next sort after pressing a column's header: a new column starts at its natural direction. */
export function nextSort<K extends string>(
  current: SortState<K>,
  key: K,
  natural: (key: K) => SortDirection = () => "asc",
): SortState<K> {
  if (current.key === key) return { key, direction: current.direction === "asc" ? "desc" : "asc" };
  return { key, direction: natural(key) };
}
