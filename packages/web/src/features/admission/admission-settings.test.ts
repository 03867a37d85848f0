import { describe, expect, it } from "vitest";
import { anAdmissionSettings } from "../../test/builders";
import { changedSettings, missingExemptions, riskyChanges, settingsProblems, toValues } from "./admission-settings";

const saved = anAdmissionSettings();

describe("changedSettings", () => {
  it("is empty when nothing changed, even if the exempt namespaces were reordered", () => {
    expect(changedSettings(saved, toValues(saved))).toEqual({});
    expect(changedSettings(saved, { ...toValues(saved), exemptNamespaces: ["kube-system", "bulwark"] })).toEqual({});
  });

  it("holds only the fields that differ, with seconds as a number", () => {
    expect(
      changedSettings(saved, {
        ...toValues(saved),
        unscannedImages: "deny",
        staleSnapshotSeconds: " 900 ",
        exemptNamespaces: ["bulwark"],
      }),
    ).toEqual({ unscannedImages: "deny", staleSnapshotSeconds: 900, exemptNamespaces: ["bulwark"] });
  });
});

describe("riskyChanges", () => {
  it("names turning enforcement on and failing closed, and nothing else", () => {
    expect(riskyChanges({ enforcementEnabled: true, failurePolicy: "Fail" })).toEqual([
      "enable-enforcement",
      "fail-closed",
    ]);
    expect(riskyChanges({ enforcementEnabled: false, failurePolicy: "Ignore", mode: "deny" })).toEqual([]);
  });
});

describe("settingsProblems", () => {
  it("checks the seconds and the namespace names as the api does", () => {
    expect(settingsProblems(toValues(saved))).toEqual({});
    expect(settingsProblems({ ...toValues(saved), staleSnapshotSeconds: "59" }).staleSnapshotSeconds).toMatch(/60/);
    expect(settingsProblems({ ...toValues(saved), staleSnapshotSeconds: "1.5" }).staleSnapshotSeconds).toMatch(
      /whole number/,
    );
    expect(settingsProblems({ ...toValues(saved), exemptNamespaces: ["Kube_System"] }).exemptNamespaces).toMatch(
      /"Kube_System" is not a namespace name/,
    );
  });
});

describe("missingExemptions", () => {
  it("names the agent's namespace and kube-system when they are left out", () => {
    expect(missingExemptions(["bulwark", "kube-system", "istio-system"])).toEqual([]);
    expect(missingExemptions(["istio-system"])).toEqual(["bulwark", "kube-system"]);
  });
});
