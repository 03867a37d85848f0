import { vitestConfig } from "./vitest.shared.js";

/** Unit tests and integration tests over HTTP (embedded PGlite, or PostgreSQL when DATABASE_URL is set). */
export default vitestConfig(["src/**/*.test.ts", "test/integration/**/*.test.ts"]);
