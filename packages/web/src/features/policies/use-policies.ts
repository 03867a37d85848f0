import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { refetchActive } from "../../lib/refetch";
import {
  AddScannerDocument,
  CreatePolicyDocument,
  DeletePolicyDocument,
  DeleteScannerDocument,
  PoliciesDocument,
  UpdatePolicyDocument,
  UpdateScannerDocument,
} from "./policies.graphql";

/** Verdicts are recomputed by every policy change; open compliance views refetch. */
const AFFECTED = ["Policies", "ImageCompliance", "Images", "ComplianceSummary", "ExceptionScopeOptions"];

function useRefetchAffected() {
  const client = useApolloClient();
  return { onCompleted: () => void refetchActive(client, AFFECTED) };
}

export function usePolicies() {
  return useQuery(PoliciesDocument);
}

export function useSavePolicy() {
  const affected = useRefetchAffected();
  const [create, created] = useMutation(CreatePolicyDocument, affected);
  const [update, updated] = useMutation(UpdatePolicyDocument, affected);
  return { create, update, saving: created.loading || updated.loading };
}

export function useDeletePolicy() {
  const [mutate] = useMutation(DeletePolicyDocument, {
    ...useRefetchAffected(),
    update(cache, { data }) {
      const id = data?.deletePolicy.id;
      if (!id) return;
      cache.evict({ id: cache.identify({ __typename: "Policy", id }) });
      cache.gc();
    },
  });
  return async (id: string) => {
    await mutate({ variables: { id } });
  };
}

export function useSaveScanner() {
  const affected = useRefetchAffected();
  const [add, added] = useMutation(AddScannerDocument, affected);
  const [update, updated] = useMutation(UpdateScannerDocument, affected);
  return { add, update, saving: added.loading || updated.loading };
}

export function useDeleteScanner() {
  const [mutate] = useMutation(DeleteScannerDocument, {
    ...useRefetchAffected(),
    update(cache, { data }) {
      const id = data?.deleteScanner.id;
      if (!id) return;
      cache.evict({ id: cache.identify({ __typename: "Scanner", id }) });
      cache.gc();
    },
  });
  return async (id: string) => {
    await mutate({ variables: { id } });
  };
}
