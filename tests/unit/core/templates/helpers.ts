import {
  createSandbox,
  createTemplateLibrary,
  DEFAULT_SANDBOX_LIMITS,
  type SandboxLimits,
  type TemplateParameter,
  type TemplateSource,
} from '../../../../src/plugins/personalization/server/src/core/templates';

export const source = (
  name: string,
  body: string,
  parameters: TemplateParameter[] = [],
  version = 1
): TemplateSource => ({ name, body, parameters, version });

/** A sandbox over a fixed library of templates. */
export const sandboxWith = (
  sources: TemplateSource[] = [],
  limits: Partial<SandboxLimits> = {}
) => {
  const library = createTemplateLibrary(sources);
  const sandbox = createSandbox({
    library: () => library,
    limits: { ...DEFAULT_SANDBOX_LIMITS, ...limits },
  });
  return { sandbox, library };
};
