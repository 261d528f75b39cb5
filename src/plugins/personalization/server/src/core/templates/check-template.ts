import { LiquidError, type Template } from 'liquidjs';
import { isContextRoot } from './context-roots';
import {
  dynamicPartialMessage,
  dynamicPartials,
  findPartialCycle,
  partialReferences,
} from './partial-references';
import type { Sandbox } from './sandbox';
import type { TemplateLibrary } from './template-library';
import type { TemplateProblem, TemplateSource } from './types';

const problem = (
  template: string,
  message: string,
  line: number | null = null,
  column: number | null = null
): TemplateProblem => ({ template, message, line, column });

/** Turns a liquidjs parse error into a problem with the line and column of the offending token. */
export const parseProblem = (template: string, error: unknown): TemplateProblem => {
  if (error instanceof LiquidError && error.token) {
    const [line, column] = error.token.getPosition();
    const message = error.message.split('\n')[0].replace(/, line:\d+, col:\d+$/, '');
    return problem(template, message, line, column);
  }
  return problem(template, error instanceof Error ? error.message : String(error));
};

const tryParse = (
  sandbox: Sandbox,
  source: TemplateSource
): { templates: Template[] } | { problem: TemplateProblem } => {
  try {
    return { templates: sandbox.parse(source.body) };
  } catch (error) {
    return { problem: parseProblem(source.name, error) };
  }
};

/** Names of variables a template reads that neither the context nor its parameters provide. */
const variableProblems = (
  sandbox: Sandbox,
  source: TemplateSource,
  templates: Template[]
): TemplateProblem[] => {
  const declared = new Set(source.parameters.map((parameter) => parameter.name));
  const analysis = sandbox.engine.analyzeSync(templates, { partials: false });
  const problems: TemplateProblem[] = [];
  for (const [name, occurrences] of Object.entries(analysis.globals)) {
    for (const variable of occurrences) {
      const { row, col } = variable.location;
      if (name === 'params') {
        const parameter = variable.segments[1];
        if (typeof parameter === 'string' && !declared.has(parameter)) {
          problems.push(
            problem(source.name, `undeclared parameter "params.${parameter}"`, row, col)
          );
        }
      } else if (!isContextRoot(name) && !declared.has(name)) {
        problems.push(
          problem(
            source.name,
            `undeclared variable "${name}": declare it as a parameter or use one of the context objects`,
            row,
            col
          )
        );
      }
    }
  }
  return problems;
};

/**
 * Everything wrong with a template before it may be stored: parse errors, partial names that are
 * not literals, partials that are not in the library, undeclared parameters and cycles between
 * partials, each with line and column.
 */
export const checkTemplate = (
  sandbox: Sandbox,
  source: TemplateSource,
  library: TemplateLibrary
): TemplateProblem[] => {
  const parsed = tryParse(sandbox, source);
  if ('problem' in parsed) {
    return [parsed.problem];
  }
  const problems = dynamicPartials(parsed.templates).map((found) =>
    problem(source.name, dynamicPartialMessage(found.tag), found.line, found.column)
  );
  problems.push(...variableProblems(sandbox, source, parsed.templates));
  const references = partialReferences(parsed.templates);

  for (const reference of references) {
    if (!library.latest(reference.name) && reference.name !== source.name) {
      problems.push(
        problem(
          source.name,
          `unknown partial "${reference.name}": render only templates of the library`,
          reference.line,
          reference.column
        )
      );
    }
  }

  const referencesOf = (name: string): string[] => {
    if (name === source.name) return references.map((reference) => reference.name);
    const partial = library.latest(name);
    if (!partial) return [];
    try {
      return partialReferences(sandbox.compiled(partial)).map((reference) => reference.name);
    } catch {
      return [];
    }
  };
  const cycle = findPartialCycle(source.name, referencesOf);
  if (cycle) {
    const first = references.find((reference) => reference.name === cycle[1]);
    problems.push(
      problem(
        source.name,
        `partials form a cycle: ${cycle.join(' → ')}`,
        first?.line ?? null,
        first?.column ?? null
      )
    );
  }
  return problems;
};
