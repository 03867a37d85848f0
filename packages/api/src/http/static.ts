import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express } from "express";

const here = path.dirname(fileURLToPath(import.meta.url));

/** packages/web/dist, found from src/http (tests) or dist/src/http (built). */
export function defaultWebDir(): string | undefined {
  return [path.resolve(here, "../../../web/dist"), path.resolve(here, "../../../../web/dist")].find((dir) =>
    fs.existsSync(path.join(dir, "index.html")),
  );
}

const API_PATHS = /^\/(graphql|api|healthz|readyz|metrics)(\/|$)/;

/** Serves the built web app; unknown paths get index.html so client-side routes load. */
export function mountWebApp(app: Express, webDir: string | undefined): void {
  if (!webDir || !fs.existsSync(path.join(webDir, "index.html"))) {
    app.get(/^(?!\/(graphql|api|healthz|readyz|metrics)(\/|$)).*/, (_req, res) => {
      res
        .status(503)
        .type("text/plain")
        .send("The Bulwark web app is not built. Run `npm start` (or `pnpm build`) from the repository root.");
    });
    return;
  }
  const index = path.join(webDir, "index.html");
  app.use(
    express.static(webDir, {
      index: false,
      setHeaders(res, file) {
        // Vite fingerprints everything under assets/; it can be cached forever.
        res.setHeader(
          "Cache-Control",
          file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    }),
  );
  app.get(/.*/, (req, res, next) => {
    if (API_PATHS.test(req.path) || !req.accepts("html")) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
}
