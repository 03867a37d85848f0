import { FINGERPRINT_KEY } from "./sarif.js";

const LEVELS = new Set(["none", "note", "warning", "error"]);
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === "object" && !Array.isArray(v);
const isText = (v: unknown) => isObj(v) && typeof v.text === "string" && v.text.length > 0;

/**
 * What a SARIF log lacks of SARIF 2.1.0's required structure, and of what code-scanning tools need
 * to rank and track results (security-severity, locations, fingerprints). Empty when it is sound.
 */
export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  if (!isObj(log)) return ["the log is not an object"];
  need(log.version === "2.1.0", 'version must be "2.1.0"');
  need(typeof log.$schema === "string", "$schema is missing");
  if (!Array.isArray(log.runs)) return [...problems, "runs must be an array"];
  log.runs.forEach((run: unknown, r) => {
    const at = `runs[${r}]`;
    if (!isObj(run)) return need(false, `${at} is not an object`);
    const driver = isObj(run.tool) && isObj(run.tool.driver) ? run.tool.driver : null;
    need(Boolean(driver && typeof driver.name === "string" && driver.name), `${at}.tool.driver.name is missing`);
    const rules = driver && Array.isArray(driver.rules) ? (driver.rules as unknown[]) : [];
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      const where = `${at}.tool.driver.rules[${i}]`;
      if (!isObj(rule) || typeof rule.id !== "string") return need(false, `${where}.id is missing`);
      need(!ids.has(rule.id), `${where}.id ${rule.id} is not unique`);
      ids.add(rule.id);
      need(isText(rule.shortDescription), `${where}.shortDescription.text is missing`);
      const level = isObj(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      need(LEVELS.has(String(level)), `${where}.defaultConfiguration.level is not a SARIF level`);
      const score = isObj(rule.properties) ? rule.properties["security-severity"] : undefined;
      need(
        typeof score === "string" && /^\d{1,2}(\.\d)?$/.test(score) && Number(score) <= 10,
        `${where}.properties["security-severity"] must be a number from 0.0 to 10.0 written as a string`,
      );
    });
    if (!Array.isArray(run.results)) return need(false, `${at}.results must be an array`);
    const prints = new Set<string>();
    run.results.forEach((result: unknown, i) => {
      const where = `${at}.results[${i}]`;
      if (!isObj(result)) return need(false, `${where} is not an object`);
      need(isText(result.message), `${where}.message.text is missing`);
      need(LEVELS.has(String(result.level)), `${where}.level is not a SARIF level`);
      const rule = typeof result.ruleIndex === "number" ? rules[result.ruleIndex] : undefined;
      need(
        isObj(rule) && rule.id === result.ruleId,
        `${where}.ruleIndex does not point at rule ${String(result.ruleId)}`,
      );
      const locations = Array.isArray(result.locations) ? (result.locations as unknown[]) : [];
      need(locations.length > 0, `${where}.locations is empty`);
      for (const location of locations) {
        const physical = isObj(location) && isObj(location.physicalLocation) ? location.physicalLocation : null;
        const uri = physical && isObj(physical.artifactLocation) ? physical.artifactLocation.uri : undefined;
        need(typeof uri === "string" && uri.length > 0, `${where} has a location without artifactLocation.uri`);
        need(
          typeof uri !== "string" || !/^[a-z][a-z0-9+.-]*:/i.test(uri),
          `${where}: ${String(uri)} is not a relative URI reference`,
        );
        const line = physical && isObj(physical.region) ? physical.region.startLine : undefined;
        need(typeof line === "number" && line >= 1, `${where}: region.startLine must be 1 or more`);
      }
      const print = isObj(result.partialFingerprints) ? result.partialFingerprints[FINGERPRINT_KEY] : undefined;
      need(
        typeof print === "string" && print.length > 0,
        `${where}.partialFingerprints["${FINGERPRINT_KEY}"] is missing`,
      );
      if (typeof print === "string") {
        need(!prints.has(print), `${where} repeats the fingerprint of an earlier result`);
        prints.add(print);
      }
    });
  });
  return problems;
}
