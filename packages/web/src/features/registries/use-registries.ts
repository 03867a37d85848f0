import { useMutation, useQuery } from "@apollo/client/react";
import {
  CreateRegistryDocument,
  DeleteRegistryDocument,
  RegistriesDocument,
  UpdateRegistryDocument,
} from "./registries.graphql";

export function useRegistries() {
  return useQuery(RegistriesDocument);
}

export function useSaveRegistry() {
  const [create, created] = useMutation(CreateRegistryDocument, { refetchQueries: ["Registries"] });
  const [update, updated] = useMutation(UpdateRegistryDocument);
  return { create, update, saving: created.loading || updated.loading };
}

export function useDeleteRegistry() {
  const [mutate] = useMutation(DeleteRegistryDocument, {
    update(cache, { data }) {
      const id = data?.deleteRegistry.id;
      if (!id) return;
      cache.evict({ id: cache.identify({ __typename: "Registry", id }) });
      cache.gc();
    },
  });
  return async (id: string) => {
    await mutate({ variables: { id } });
  };
}
