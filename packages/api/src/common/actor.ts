import type { Principal } from "./principal.js";

/** Who is asking, and from where: passed from the transport into every service call. */
export type Actor = {
  principal: Principal;
  sourceIp: string | null;
  userAgent: string | null;
  /** Bulwark itself (start-up bootstrap, background jobs). */
  system?: boolean;
};

export const systemActor = (): Actor => ({
  principal: { kind: "anonymous" },
  sourceIp: null,
  userAgent: null,
  system: true,
});
