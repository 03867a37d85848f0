import { useRef } from "react";
import { CopyButton } from "../../components/copy-button";

/** The new key's secret, shown this one time, with a way to copy it. */
export function ApiKeySecretPanel({ name, secret }: { name: string; secret: string }) {
  const secretRef = useRef<HTMLElement>(null);
  return (
    <div className="secret-panel">
      <p className="secret-panel__warning" role="alert">
        <strong>Copy this key now.</strong> Bulwark stores only a hash of it, so it will not be shown again. If you lose
        it, revoke the key and create a new one.
      </p>
      <p className="secret-panel__label">
        Secret for <strong>{name}</strong>
      </p>
      <div className="secret-panel__value">
        <code
          ref={secretRef}
          className="secret-panel__code"
          data-testid="api-key-secret"
          tabIndex={0}
          aria-label="API key secret"
        >
          {secret}
        </code>
        <CopyButton value={secret} label="Copy key" selectTarget={() => secretRef.current} />
      </div>
      <p className="muted secret-panel__usage">
        Send it as <code>Authorization: Bearer &lt;key&gt;</code> or in an <code>x-api-key</code> header.
      </p>
    </div>
  );
}
