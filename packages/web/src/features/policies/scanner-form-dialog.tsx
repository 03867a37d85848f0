import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Dialog } from "../../components/dialog";
import { FormError, TextField } from "../../components/form-field";
import { useNotify } from "../../components/notices";
import type { ScannerFieldsFragment } from "../../gql/graphql";
import { focusFirstInvalid } from "../../lib/focus-invalid";
import { pathErrorsOf, type Problem, toProblem } from "../../lib/graphql-errors";
import { ThresholdFields } from "./threshold-fields";
import {
  defaultThresholdValues,
  type ThresholdValues,
  thresholdProblems,
  thresholdsToInput,
  thresholdValuesFrom,
} from "./thresholds";
import { useSaveScanner } from "./use-policies";

type ScannerFormDialogProps = {
  policy: { id: string; name: string };
  /** The scanner to edit; without it the dialog adds one. */
  scanner?: ScannerFieldsFragment | null;
  onClose: () => void;
};

/** Server paths under `thresholds.` belong to the threshold grid. */
export function thresholdErrorsFrom(paths: Record<string, string>, prefix = "thresholds."): Record<string, string> {
  return Object.fromEntries(
    Object.entries(paths)
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, message]) => [path.slice(prefix.length), message]),
  );
}

export function ScannerFormDialog({ policy, scanner, onClose }: ScannerFormDialogProps) {
  const [name, setName] = useState(scanner?.name ?? "Trivy");
  const [active, setActive] = useState(scanner?.active ?? true);
  const [required, setRequired] = useState(scanner?.required ?? true);
  const [thresholds, setThresholds] = useState<ThresholdValues>(() =>
    scanner ? thresholdValuesFrom(scanner.thresholds) : defaultThresholdValues(),
  );
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [serverPaths, setServerPaths] = useState<Record<string, string>>({});
  const { add, update, saving } = useSaveScanner();
  const notify = useNotify();

  const localThresholds = checked ? thresholdProblems(thresholds) : {};
  const nameProblem = checked && !name.trim() ? "Enter a name, e.g. Trivy" : null;
  const thresholdErrors = { ...thresholdErrorsFrom(serverPaths), ...localThresholds };
  const general =
    problem && !problem.fieldErrors.name && !Object.keys(thresholdErrorsFrom(serverPaths)).length
      ? problem.message
      : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!name.trim() || Object.keys(thresholdProblems(thresholds)).length) {
      focusFirstInvalid("scanner-form");
      return;
    }
    setProblem(null);
    setServerPaths({});
    const input = { name: name.trim(), active, required, thresholds: thresholdsToInput(thresholds) };
    try {
      if (scanner) {
        await update({ variables: { id: scanner.id, input } });
        notify(`Scanner ${input.name} saved`);
      } else {
        await add({ variables: { policyId: policy.id, input: { ...input, type: "trivy" } } });
        notify(`Scanner ${input.name} added to ${policy.name}`);
      }
      onClose();
    } catch (caught) {
      setProblem(toProblem(caught));
      setServerPaths(pathErrorsOf(caught));
    }
  };

  return (
    <Dialog
      open
      title={scanner ? `Edit scanner ${scanner.name}` : `Add a scanner to ${policy.name}`}
      description="A Trivy scanner judges the image's latest Trivy scan against its thresholds."
      onClose={saving ? undefined : onClose}
      closeOnBackdrop={false}
      size="lg"
      footer={
        <>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" form="scanner-form" variant="primary" loading={saving}>
            {scanner ? "Save scanner" : "Add scanner"}
          </Button>
        </>
      }
    >
      <form id="scanner-form" className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormError message={general} />
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={nameProblem ?? problem?.fieldErrors.name}
        />
        <div className="form__row">
          <label className="switch">
            <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
            <span>Active: judged in verdicts</span>
          </label>
          <label className="switch">
            <input type="checkbox" checked={required} onChange={(event) => setRequired(event.target.checked)} />
            <span>Required: an enforced policy fails when it fails (otherwise it only reports)</span>
          </label>
        </div>
        <ThresholdFields values={thresholds} onChange={setThresholds} errors={thresholdErrors} />
      </form>
    </Dialog>
  );
}
