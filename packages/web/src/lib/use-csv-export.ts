import { useCallback, useState } from "react";
import { downloadText } from "./download";

/** A CSV export: asks the server for the text, then hands it to the browser as a file. */
export function useCsvExport<V>(fetchCsv: (variables: V) => Promise<string>) {
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (variables: V, filename: string) => {
      setExporting(true);
      setError(null);
      try {
        downloadText(filename, await fetchCsv(variables));
      } catch (caught) {
        setError(caught);
      } finally {
        setExporting(false);
      }
    },
    [fetchCsv],
  );
  return { run, exporting, error, clearError: () => setError(null) };
}
