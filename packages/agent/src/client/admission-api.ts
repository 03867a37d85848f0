import type { AdmissionApi, AdmissionChange, AdmissionEventInput, AdmissionSnapshot } from "../api/contract.js";
import type { ApiError } from "./api-error.js";
import { ADMISSION_CHANGED, ADMISSION_SNAPSHOT, RECORD_ADMISSION_EVENTS } from "./documents.js";
import type { GraphqlClient } from "./graphql-client.js";
import { subscribe, type SubscriptionClientOptions } from "./subscriptions.js";

/**
 * The webhook's link to the api over GraphQL. After the change subscription reconnects, a change
 * with no image ids ("reload everything") is announced, since changes made while it was down were
 * missed.
 */
export function createAdmissionApi(client: GraphqlClient, subscriptions: SubscriptionClientOptions): AdmissionApi {
  return {
    async snapshot(imageIds?: string[]): Promise<AdmissionSnapshot> {
      const data = await client.request<{ admissionSnapshot: AdmissionSnapshot }>(ADMISSION_SNAPSHOT, {
        ids: imageIds ?? null,
      });
      return data.admissionSnapshot;
    },

    onChange(callback: (change: AdmissionChange) => void, onError?: (error: Error) => void): () => void {
      return subscribe<{ admissionChanged: AdmissionChange }>(subscriptions, ADMISSION_CHANGED, undefined, {
        next: (data) => callback(data.admissionChanged),
        error: (error: ApiError) => onError?.(error),
        connected: (reconnected) => {
          if (reconnected) callback({ clusterId: "", imageIds: [], at: new Date().toISOString() });
        },
      });
    },

    async recordEvents(events: AdmissionEventInput[]): Promise<void> {
      if (!events.length) return;
      await client.request<{ recordAdmissionEvents: unknown }>(RECORD_ADMISSION_EVENTS, { e: events });
    },
  };
}
