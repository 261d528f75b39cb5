import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@uiw/react-codemirror';
import type { TemplateProblem } from '../../../../shared/contracts/templates';

/**
 * CodeMirror diagnostics for the problems of this template that have a position: from the
 * reported column to the end of its line (lines and columns are 1-based, as liquidjs gives them).
 */
export const problemDiagnostics = (
  doc: Text,
  problems: TemplateProblem[],
  templateName: string
): Diagnostic[] =>
  problems
    .filter((problem) => problem.line !== null && problem.template === templateName)
    .map((problem) => {
      const line = doc.line(Math.min(Math.max(problem.line ?? 1, 1), doc.lines));
      const from = Math.min(line.from + Math.max((problem.column ?? 1) - 1, 0), line.to);
      return {
        from,
        to: Math.max(line.to, from),
        severity: 'error' as const,
        message: problem.message,
      };
    });
