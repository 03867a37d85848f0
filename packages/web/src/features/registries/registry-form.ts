import type { CreateRegistryInput, RegistryFieldsFragment, UpdateRegistryInput } from "../../gql/graphql";

export type RegistryFormValues = {
  name: string;
  hostname: string;
  aliases: string[];
  username: string;
  /** Never filled from the server: a password is write-only. */
  password: string;
  /** Editing only: remove the stored password. */
  removePassword: boolean;
};

export function registryValues(registry: RegistryFieldsFragment | null | undefined): RegistryFormValues {
  return {
    name: registry?.name ?? "",
    hostname: registry?.hostname ?? "",
    aliases: registry ? [...registry.aliases] : [],
    username: registry?.username ?? "",
    password: "",
    removePassword: false,
  };
}

export function toCreateRegistryInput(values: RegistryFormValues): CreateRegistryInput {
  return {
    name: values.name.trim(),
    hostname: values.hostname.trim(),
    aliases: values.aliases,
    username: values.username.trim() || null,
    ...(values.password ? { password: values.password } : {}),
  };
}

/**
 * An update sends a password only when one was typed (it replaces the stored one), or an empty one
 * to remove it; otherwise the field is left out and the stored password is kept.
 */
export function toUpdateRegistryInput(values: RegistryFormValues): UpdateRegistryInput {
  return {
    name: values.name.trim(),
    hostname: values.hostname.trim(),
    aliases: values.aliases,
    username: values.username.trim() || null,
    ...(values.removePassword ? { password: "" } : values.password ? { password: values.password } : {}),
  };
}
