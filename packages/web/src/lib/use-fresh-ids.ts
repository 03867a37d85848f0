import { useCallback, useEffect, useRef, useState } from "react";

/** How long a row that arrived live stays highlighted. */
export const FRESH_FOR_MS = 5000;

/**
 * The ids of rows that arrived live, each kept for `forMs` so the table can highlight it; the
 * timers are cleared when the component goes away.
 */
export function useFreshIds(forMs = FRESH_FOR_MS): {
  fresh: ReadonlySet<string>;
  highlight: (ids: readonly string[]) => void;
} {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const scheduled = timers.current;
    return () => scheduled.forEach((timer) => clearTimeout(timer));
  }, []);

  const highlight = useCallback(
    (ids: readonly string[]) => {
      if (!ids.length) return;
      setFresh((current) => new Set([...current, ...ids]));
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        setFresh((current) => {
          const next = new Set(current);
          for (const id of ids) next.delete(id);
          return next;
        });
      }, forMs);
      timers.current.add(timer);
    },
    [forMs],
  );

  return { fresh, highlight };
}
