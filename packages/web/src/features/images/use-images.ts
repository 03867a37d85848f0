import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useCallback } from "react";
import type { ImageFilter } from "../../gql/graphql";
import { fileSlug, todayStamp } from "../../lib/download";
import { refetchActive } from "../../lib/refetch";
import { useCsvExport } from "../../lib/use-csv-export";
import {
  ImageComplianceDocument,
  ImageDocument,
  ImageFindingsCsvDocument,
  ImageFindingsDocument,
  ImageScansDocument,
  ImagesCsvDocument,
  ImagesDocument,
  RequestRescanDocument,
} from "./images.graphql";

export const IMAGES_PAGE_SIZE = 50;

/** One page of images; pages are offsets, so page n starts after (n-1) pages. */
export function useImages(filter: ImageFilter, page: number) {
  return useQuery(ImagesDocument, {
    variables: {
      filter,
      first: IMAGES_PAGE_SIZE,
      after: page > 1 ? String((page - 1) * IMAGES_PAGE_SIZE) : null,
    },
  });
}

export function useImage(id: string) {
  return useQuery(ImageDocument, { variables: { id } });
}

export function useImageFindings(id: string) {
  return useQuery(ImageFindingsDocument, { variables: { id } });
}

export const SCAN_HISTORY_SIZE = 10;

export function useImageScans(id: string) {
  return useQuery(ImageScansDocument, { variables: { id, first: SCAN_HISTORY_SIZE } });
}

export function useImageCompliance(id: string, clusterId: string | null) {
  return useQuery(ImageComplianceDocument, {
    variables: { id, clusterId: clusterId ?? "" },
    skip: !clusterId,
  });
}

export function useRequestRescan() {
  const client = useApolloClient();
  return useMutation(RequestRescanDocument, { onCompleted: () => void refetchActive(client, ["ScanQueue"]) });
}

export function useImagesCsvExport() {
  const client = useApolloClient();
  const fetchCsv = useCallback(
    async ({ filter }: { filter: ImageFilter }) =>
      (await client.query({ query: ImagesCsvDocument, variables: { filter }, fetchPolicy: "network-only" })).data
        ?.imagesCsv ?? "",
    [client],
  );
  const csv = useCsvExport(fetchCsv);
  return {
    ...csv,
    exportCsv: (filter: ImageFilter, clusterName: string | null) =>
      csv.run({ filter }, `bulwark-images-${clusterName ? fileSlug(clusterName) : "all-clusters"}-${todayStamp()}.csv`),
  };
}

export function useFindingsCsvExport() {
  const client = useApolloClient();
  const fetchCsv = useCallback(
    async (variables: { imageId: string; clusterId: string | null }) =>
      (await client.query({ query: ImageFindingsCsvDocument, variables, fetchPolicy: "network-only" })).data
        ?.imageFindingsCsv ?? "",
    [client],
  );
  const csv = useCsvExport(fetchCsv);
  return {
    ...csv,
    exportCsv: (imageId: string, imageName: string, cluster: { id: string; name: string } | null) =>
      csv.run(
        { imageId, clusterId: cluster?.id ?? null },
        `bulwark-findings-${fileSlug(imageName)}${cluster ? `-${fileSlug(cluster.name)}` : ""}-${todayStamp()}.csv`,
      ),
  };
}
