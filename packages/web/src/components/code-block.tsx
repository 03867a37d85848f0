import { useRef } from "react";
import { CopyButton } from "./copy-button";

type CodeBlockProps = {
  /** Says what the code is for; also names the block for assistive technology. */
  title: string;
  code: string;
  copyLabel?: string;
};

/** A command or snippet on a dark panel, with a button that copies it exactly as shown. */
export function CodeBlock({ title, code, copyLabel = "Copy" }: CodeBlockProps) {
  const codeRef = useRef<HTMLElement>(null);
  return (
    <figure className="code-example code-block" aria-label={title}>
      <figcaption className="code-example__header">
        <span>{title}</span>
        <CopyButton value={code} label={copyLabel} selectTarget={() => codeRef.current} />
      </figcaption>
      <pre className="code-example__code">
        <code ref={codeRef}>{code}</code>
      </pre>
    </figure>
  );
}
