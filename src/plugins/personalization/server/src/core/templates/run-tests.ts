import { buildCallerView, buildTemplateContext } from '../context/template-context';
import { resolveParameters } from './parameters';
import type { RenderBudget } from './render-budget';
import type { Sandbox } from './sandbox';
import type { TemplateSource, TemplateTestCase } from './types';

export interface TestCaseResult {
  name: string;
  passed: boolean;
  expected: string | null;
  actual: string | null;
  error: string | null;
  durationMs: number;
}

export interface TestRun {
  passed: boolean;
  total: number;
  failed: number;
  results: TestCaseResult[];
}

/**
 * Renders a template for each of its test cases and compares the chosen variant with the expected
 * one. All cases share the budget: once it is spent, the remaining cases fail without rendering.
 */
export const runTestCases = (
  sandbox: Sandbox,
  source: TemplateSource,
  testCases: readonly TemplateTestCase[],
  now: Date,
  budget?: RenderBudget
): TestRun => {
  let templates: ReturnType<Sandbox['compiled']> | null = null;
  let compileError: string | null = null;
  try {
    templates = sandbox.compiled(source);
  } catch (error) {
    compileError = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  const results = testCases.map((testCase): TestCaseResult => {
    if (!templates) {
      return {
        name: testCase.name,
        passed: false,
        expected: testCase.expected,
        actual: null,
        error: compileError,
        durationMs: 0,
      };
    }
    const params = resolveParameters(source.parameters, testCase.params ?? {});
    if (params.problems.length > 0) {
      return {
        name: testCase.name,
        passed: false,
        expected: testCase.expected,
        actual: null,
        error: params.problems.join('; '),
        durationMs: 0,
      };
    }
    const caller = buildCallerView(testCase.caller ?? {}, {
      // A test case states the attributes it needs: all of them are visible to it.
      userAttributes: Object.keys(testCase.caller?.user?.attributes ?? {}),
      now,
    });
    const context = buildTemplateContext({
      caller,
      entry: testCase.entry ?? {},
      params: params.values,
      variants: testCase.variants ?? [],
      flag: {
        enabled: testCase.flag?.enabled ?? true,
        variant: testCase.flag?.variant ?? null,
        payload: testCase.flag?.payload ?? null,
      },
    });
    const outcome = sandbox.render(templates, context.scope, context.globals, budget);
    if (!outcome.ok) {
      return {
        name: testCase.name,
        passed: false,
        expected: testCase.expected,
        actual: null,
        error: outcome.error,
        durationMs: outcome.durationMs,
      };
    }
    return {
      name: testCase.name,
      passed: outcome.variant === testCase.expected,
      expected: testCase.expected,
      actual: outcome.variant,
      error: null,
      durationMs: outcome.durationMs,
    };
  });
  const failed = results.filter((result) => !result.passed).length;
  return { passed: failed === 0, total: results.length, failed, results };
};
