import type { ExperimentForm } from '../experimentForm';

/** What each section of the experiment editor needs from the form it edits. */
export interface FormBinding {
  form: ExperimentForm;
  set: <Key extends keyof ExperimentForm>(key: Key) => (value: ExperimentForm[Key]) => void;
  /** Whether a field (by its body name) cannot be changed now. */
  readOnly: (field: string) => boolean;
  /** The server's message when it named this field. */
  errorOf: (field: string) => string | undefined;
}
