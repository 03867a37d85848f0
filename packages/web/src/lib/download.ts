/** Saves text as a file through the browser's download, e.g. a CSV export. */
export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8"): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file-name-safe slug: "prod-eu-1", "ghcr.io-org-app". */
export function fileSlug(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "export"
  );
}

/** Today as YYYY-MM-DD (UTC), for file names. */
export function todayStamp(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
