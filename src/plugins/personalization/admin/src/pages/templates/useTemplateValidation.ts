import { useEffect, useMemo, useState } from 'react';
import { usePluginApi } from '../../api';
import type {
  TemplateParameter,
  TemplateProblem,
  TemplateTestCase,
  ValidationReport,
} from '../../../../shared/contracts/templates';
import { useDebounced } from '../../hooks/useDebounced';
import { errorMessage } from '../../utils/errorMessage';

interface Draft {
  name: string;
  body: string;
  parameters: TemplateParameter[];
  testCases: TemplateTestCase[];
}

/** A name the validate route accepts while the author has not typed one yet. */
const DRAFT_NAME = 'draft';

/**
 * Checks the draft on the server while the author types (debounced): problems with their line and
 * column, and the test results of a valid draft.
 */
export const useTemplateValidation = (draft: Draft, enabled: boolean) => {
  const api = usePluginApi();
  const settled = useDebounced(draft, 500);
  const [report, setReport] = useState<ValidationReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const request = useMemo(
    () => ({
      name: /^[a-z0-9][a-z0-9._-]*$/.test(settled.name) ? settled.name : DRAFT_NAME,
      body: settled.body,
      parameters: settled.parameters.filter((parameter) => parameter.name !== ''),
      testCases: settled.testCases,
    }),
    [settled]
  );

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    api
      .validateTemplate(request)
      .then((validated) => {
        if (cancelled) return;
        setReport(validated);
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(errorMessage(error));
      });
    return () => {
      cancelled = true;
    };
  }, [api, request, enabled]);

  const problems: TemplateProblem[] = report?.problems ?? [];
  return { report, problems, failure, checkedName: request.name };
};
