export { callerPathsRead, valueAt } from './caller-paths';
export { checkTemplate, parseProblem } from './check-template';
export { CONTEXT_ROOTS, isContextRoot } from './context-roots';
export { parameterDefaultProblems, resolveParameters, type ResolvedParameters } from './parameters';
export { findPartialCycle, partialReferences } from './partial-references';
export { runTestCases, type TestCaseResult, type TestRun } from './run-tests';
export { createSandbox, type RenderOutcome, type Sandbox } from './sandbox';
export { createTemplateLibrary, withTemplate, type TemplateLibrary } from './template-library';
export * from './types';
