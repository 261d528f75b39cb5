import { useEffect, useMemo, useRef } from 'react';
import { liquid } from '@codemirror/lang-liquid';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Box } from '@strapi/design-system';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import type { TemplateProblem } from '../../../../shared/contracts/templates';
import { problemDiagnostics } from './problemDiagnostics';

interface Props {
  value: string;
  onChange: (value: string) => void;
  problems: TemplateProblem[];
  /** Problems found in partials belong to other templates and are not marked here. */
  templateName: string;
  readOnly?: boolean;
  label: string;
}

/** The template body in CodeMirror: Liquid highlighting, problems marked in the gutter at their line. */
export const LiquidEditor = ({
  value,
  onChange,
  problems,
  templateName,
  readOnly,
  label,
}: Props) => {
  const editor = useRef<ReactCodeMirrorRef>(null);
  const extensions = useMemo(() => [liquid(), lintGutter()], []);

  useEffect(() => {
    const view = editor.current?.view;
    if (!view) return;
    view.dispatch(
      setDiagnostics(view.state, problemDiagnostics(view.state.doc, problems, templateName))
    );
  }, [problems, templateName, value]);

  return (
    <Box borderColor="neutral200" hasRadius overflow="hidden" data-testid="liquid-editor">
      <CodeMirror
        ref={editor}
        value={value}
        onChange={onChange}
        extensions={extensions}
        readOnly={readOnly}
        minHeight="220px"
        style={{ fontSize: 14 }}
        aria-label={label}
        basicSetup={{ lineNumbers: true, foldGutter: false }}
      />
    </Box>
  );
};
