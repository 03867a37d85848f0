import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useCallback } from "react";
import type { FalcoEventFilter, FalcoRuleInput, FalcoSettingsInput } from "../../gql/graphql";
import { fileSlug, todayStamp } from "../../lib/download";
import { useCsvExport } from "../../lib/use-csv-export";
import {
  CreateFalcoRuleDocument,
  DeleteFalcoRuleDocument,
  FalcoEventDocument,
  FalcoEventsCsvDocument,
  FalcoPriorityTimelineDocument,
  FalcoRelatedEventsDocument,
  FalcoRulesDocument,
  FalcoSettingsDocument,
  FalcoSignatureDaysDocument,
  UpdateFalcoRuleDocument,
  UpdateFalcoSettingsDocument,
} from "./falco.graphql";
import type { TimelineWindow } from "./falco-timeline";

/** Days of a signature's history on an event's page. */
export const SIGNATURE_DAYS = 14;
/** Other events of the same signature on an event's page. */
export const RELATED_EVENTS = 20;

export function useFalcoEvent(id: string) {
  return useQuery(FalcoEventDocument, { variables: { id } });
}

export function useFalcoSignatureDays(signature: string | null) {
  return useQuery(FalcoSignatureDaysDocument, {
    variables: { signature: signature ?? "", days: SIGNATURE_DAYS },
    skip: !signature,
  });
}

export function useFalcoRelatedEvents(id: string) {
  return useQuery(FalcoRelatedEventsDocument, { variables: { id, first: RELATED_EVENTS } });
}

export function useFalcoPriorityTimeline(clusterId: string, period: TimelineWindow) {
  return useQuery(FalcoPriorityTimelineDocument, {
    variables: { clusterId, since: period.since, bucketMinutes: period.bucketMinutes },
    notifyOnNetworkStatusChange: false,
  });
}

export function useFalcoEventsCsvExport() {
  const client = useApolloClient();
  const fetchCsv = useCallback(
    async ({ filter }: { filter: FalcoEventFilter }) =>
      (await client.query({ query: FalcoEventsCsvDocument, variables: { filter }, fetchPolicy: "network-only" })).data
        ?.falcoEventsCsv ?? "",
    [client],
  );
  const csv = useCsvExport(fetchCsv);
  return {
    ...csv,
    exportCsv: (filter: FalcoEventFilter, clusterName: string) =>
      csv.run({ filter }, `bulwark-falco-events-${fileSlug(clusterName)}-${todayStamp()}.csv`),
  };
}

export function useFalcoRules() {
  return useQuery(FalcoRulesDocument);
}

export function useSaveFalcoRule() {
  const [create, created] = useMutation(CreateFalcoRuleDocument, { refetchQueries: ["FalcoRules"] });
  const [update, updated] = useMutation(UpdateFalcoRuleDocument);
  return {
    saving: created.loading || updated.loading,
    create: async (input: FalcoRuleInput) => (await create({ variables: { input } })).data?.createFalcoRule,
    update: async (id: string, input: FalcoRuleInput) =>
      (await update({ variables: { id, input } })).data?.updateFalcoRule,
  };
}

export function useDeleteFalcoRule() {
  const [mutate] = useMutation(DeleteFalcoRuleDocument, {
    update(cache, { data }) {
      const id = data?.deleteFalcoRule.id;
      if (!id) return;
      cache.evict({ id: cache.identify({ __typename: "FalcoRule", id }) });
      cache.gc();
    },
  });
  return async (id: string) => {
    await mutate({ variables: { id } });
  };
}

export function useFalcoSettings(clusterId: string) {
  return useQuery(FalcoSettingsDocument, { variables: { clusterId } });
}

export function useUpdateFalcoSettings() {
  const [mutate, { loading }] = useMutation(UpdateFalcoSettingsDocument);
  return {
    saving: loading,
    update: async (clusterId: string, input: FalcoSettingsInput) =>
      (await mutate({ variables: { clusterId, input } })).data?.updateFalcoSettings,
  };
}
