import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import type { ValidationRule } from "graphql";

/**
 * Depth, cost, alias, directive and token limits, and no field suggestions for unknown fields.
 * The same validation rules guard operations over WebSocket.
 */
export function createArmor(): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    // Fragments count as the fields they stand for, not as an extra level.
    maxDepth: { n: 10, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: 5000, ignoreIntrospection: true },
    maxAliases: { n: 15 },
    maxDirectives: { n: 50 },
    maxTokens: { n: 2000 },
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  // armor's typings resolve @apollo/server's CommonJS declarations; the shapes are the same.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules };
}
