import type { RuleForm } from './ruleForm';

/** What each group of the rule editor's fields needs from the form. */
export interface RuleFormBinding {
  form: RuleForm;
  set: <Key extends keyof RuleForm>(key: Key) => (value: RuleForm[Key]) => void;
  disabled: boolean;
}
