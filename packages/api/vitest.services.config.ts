import { vitestConfig } from "./vitest.shared.js";

/** Suites that need outside services (PostgreSQL and Redis); run by .ci/run. */
export default vitestConfig(["test/services/**/*.test.ts"]);
