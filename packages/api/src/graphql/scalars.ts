import { DateTimeISOResolver, JSONResolver } from "graphql-scalars";

/** Times are ISO-8601 strings with a time zone; JSON is any JSON value. */
export const DateTime = DateTimeISOResolver;
export const JSONScalar = JSONResolver;
