import type { ParameterValue, TemplateParameter } from './types';

const matchesType = (parameter: TemplateParameter, value: unknown): value is ParameterValue => {
  switch (parameter.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
};

export interface ResolvedParameters {
  values: Record<string, ParameterValue>;
  problems: string[];
}

/**
 * Checks given values against declared parameters and fills in defaults. Unknown names, wrong
 * types and required parameters without a value are problems.
 */
export const resolveParameters = (
  declared: readonly TemplateParameter[],
  given: Record<string, unknown> = {}
): ResolvedParameters => {
  const values: Record<string, ParameterValue> = {};
  const problems: string[] = [];
  const known = new Map(declared.map((parameter) => [parameter.name, parameter]));

  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      problems.push(
        `unknown parameter "${name}" (declared: ${[...known.keys()].join(', ') || 'none'})`
      );
    }
  }
  for (const parameter of declared) {
    const value = Object.prototype.hasOwnProperty.call(given, parameter.name)
      ? given[parameter.name]
      : parameter.default;
    if (value === undefined) {
      problems.push(`parameter "${parameter.name}" has no value and no default`);
    } else if (!matchesType(parameter, value)) {
      problems.push(`parameter "${parameter.name}" must be a ${parameter.type}`);
    } else {
      values[parameter.name] = value;
    }
  }
  return { values, problems };
};

/** Checks that each declared default has the declared type. */
export const parameterDefaultProblems = (declared: readonly TemplateParameter[]): string[] =>
  declared
    .filter(
      (parameter) => parameter.default !== undefined && !matchesType(parameter, parameter.default)
    )
    .map((parameter) => `the default of parameter "${parameter.name}" must be a ${parameter.type}`);
