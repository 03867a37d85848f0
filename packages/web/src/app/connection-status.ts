import { createContext, useContext, useSyncExternalStore } from "react";

/** The state of the subscription socket, as the Live indicator shows it. */
export type ConnectionStatus = "idle" | "connecting" | "live" | "reconnecting" | "offline";

export type ConnectionStatusStore = {
  get: () => ConnectionStatus;
  set: (status: ConnectionStatus) => void;
  subscribe: (listener: () => void) => () => void;
};

export function createConnectionStatusStore(initial: ConnectionStatus = "idle"): ConnectionStatusStore {
  let status = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => status,
    set: (next) => {
      if (next === status) return;
      status = next;
      listeners.forEach((listener) => listener());
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const ConnectionStatusContext = createContext<ConnectionStatusStore>(createConnectionStatusStore());

export function useConnectionStatus(): ConnectionStatus {
  const store = useContext(ConnectionStatusContext);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
