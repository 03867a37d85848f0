import type { ApolloCache } from "@apollo/client";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import type { ExceptionFilter } from "../../gql/graphql";
import { refetchActive } from "../../lib/refetch";
import {
  ApproveExceptionDocument,
  CommentOnExceptionDocument,
  CreateExceptionDocument,
  DeleteExceptionDocument,
  ExceptionDocument,
  ExceptionScopeOptionsDocument,
  ExceptionsDocument,
  RejectExceptionDocument,
  RequestExceptionDocument,
  UpdateExceptionDocument,
} from "./exceptions.graphql";

export function useExceptions(filter: ExceptionFilter) {
  return useQuery(ExceptionsDocument, { variables: { filter } });
}

export function useException(id: string) {
  return useQuery(ExceptionDocument, { variables: { id } });
}

export function useExceptionScopeOptions() {
  return useQuery(ExceptionScopeOptionsDocument);
}

/** Lists are per filter; after a change they are dropped so each refetches with the right rows. */
function forgetExceptionLists(cache: ApolloCache) {
  cache.evict({ id: "ROOT_QUERY", fieldName: "exceptions" });
  cache.gc();
}

/** Image verdicts may change with an exception; open compliance views refetch. */
const AFFECTED = ["ImageCompliance", "Images", "ComplianceSummary"];

function useRefetch(names: readonly string[]) {
  const client = useApolloClient();
  return () => void refetchActive(client, names);
}

export function useSaveException() {
  const options = { update: forgetExceptionLists, onCompleted: useRefetch(["Exception", ...AFFECTED]) };
  const [request, requested] = useMutation(RequestExceptionDocument, options);
  const [create, created] = useMutation(CreateExceptionDocument, options);
  const [update, updated] = useMutation(UpdateExceptionDocument, options);
  return {
    saving: requested.loading || created.loading || updated.loading,
    request,
    create,
    update,
  };
}

export function useReviewException() {
  const options = { update: forgetExceptionLists, onCompleted: useRefetch(["Exception", ...AFFECTED]) };
  const [approve, approving] = useMutation(ApproveExceptionDocument, options);
  const [reject, rejecting] = useMutation(RejectExceptionDocument, options);
  return { approve, reject, pending: approving.loading || rejecting.loading };
}

export function useDeleteException() {
  const [mutate] = useMutation(DeleteExceptionDocument, {
    onCompleted: useRefetch(AFFECTED),
    update(cache, { data }) {
      const id = data?.deleteException.id;
      if (id) cache.evict({ id: cache.identify({ __typename: "Exception", id }) });
      forgetExceptionLists(cache);
    },
  });
  return async (id: string) => {
    await mutate({ variables: { id } });
  };
}

export function useCommentOnException() {
  return useMutation(CommentOnExceptionDocument, { onCompleted: useRefetch(["Exception"]) });
}
