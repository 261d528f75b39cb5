import {
  Field,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
} from '@strapi/design-system';

interface Common {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  disabled?: boolean;
}

/** Labelled inputs of the plugin's forms (label, hint and error wired by Field.Root). */
export const TextField = ({
  value,
  onChange,
  placeholder,
  ...common
}: Common & { value: string; onChange: (value: string) => void; placeholder?: string }) => (
  <Field.Root name={common.name} hint={common.hint} error={common.error} style={{ width: '100%' }}>
    <Field.Label>{common.label}</Field.Label>
    <TextInput
      value={value}
      placeholder={placeholder}
      disabled={common.disabled}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);

export const TextAreaField = ({
  value,
  onChange,
  ...common
}: Common & { value: string; onChange: (value: string) => void }) => (
  <Field.Root name={common.name} hint={common.hint} error={common.error} style={{ width: '100%' }}>
    <Field.Label>{common.label}</Field.Label>
    <Textarea
      value={value}
      disabled={common.disabled}
      onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);

export const NumberField = ({
  value,
  onChange,
  ...common
}: Common & { value: number | undefined; onChange: (value: number | undefined) => void }) => (
  <Field.Root name={common.name} hint={common.hint} error={common.error} style={{ width: '100%' }}>
    <Field.Label>{common.label}</Field.Label>
    <NumberInput value={value} disabled={common.disabled} onValueChange={onChange} />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);

export const SelectField = ({
  value,
  onChange,
  options,
  placeholder,
  ...common
}: Common & {
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  placeholder?: string;
}) => (
  <Field.Root name={common.name} hint={common.hint} error={common.error} style={{ width: '100%' }}>
    <Field.Label>{common.label}</Field.Label>
    <SingleSelect
      value={value === '' ? undefined : value}
      placeholder={placeholder}
      disabled={common.disabled}
      onChange={(selected) => onChange(String(selected))}
    >
      {options.map((option) => (
        <SingleSelectOption key={option.value} value={option.value}>
          {option.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
