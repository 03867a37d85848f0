import { useRef } from "react";
import { Link } from "react-router";
import { CopyButton } from "../../components/copy-button";
import { EmptyState } from "../../components/empty-state";
import { icons } from "../../components/icons";

/** The commands a pipeline runs to report a scan: Trivy's JSON wrapped in a GraphQL mutation. */
export function ciExample(origin: string): string {
  return [
    "trivy image --format json --output report.json nginx:1.25",
    "",
    "jq -n --slurpfile report report.json '{",
    '  query: "mutation($i: SubmitTrivyReportInput!) { submitTrivyReport(input: $i) { verdict { status } } }",',
    '  variables: { i: { cluster: "prod", image: "nginx:1.25", report: $report[0] } }',
    "}' > payload.json",
    "",
    `curl -s ${origin}/graphql \\`,
    "  -H 'content-type: application/json' \\",
    '  -H "authorization: Bearer $BULWARK_API_KEY" \\',
    "  -d @payload.json",
  ].join("\n");
}

/** What the Images page shows before any image has arrived, and how to make them arrive. */
export function ImagesEmptyState() {
  const example = ciExample(window.location.origin);
  const codeRef = useRef<HTMLElement>(null);
  return (
    <EmptyState
      title="No images yet"
      icon={icons.images}
      action={
        <div className="code-example">
          <div className="code-example__header">
            <span>Submit a Trivy report from CI</span>
            <CopyButton value={example} label="Copy commands" selectTarget={() => codeRef.current} />
          </div>
          <pre className="code-example__code">
            <code ref={codeRef}>{example}</code>
          </pre>
        </div>
      }
    >
      <p>Images arrive in two ways:</p>
      <ul className="plain-list">
        <li>
          <strong>From a cluster:</strong> the Bulwark agent, running with an API key with the <code>agent</code> scope,
          reports the images its workloads run and scans them.
        </li>
        <li>
          <strong>From CI:</strong> a pipeline scans an image with Trivy and submits the report with an API key with the{" "}
          <code>ci_scan</code> scope (create one in <Link to="/settings/api-keys">Settings → API keys</Link>). The
          answer is the image's verdict in that cluster.
        </li>
      </ul>
    </EmptyState>
  );
}
