import { Box, Typography } from '@strapi/design-system';
import { diffLines } from 'diff';
import { useT } from '../../hooks/useT';

/** Line diff (jsdiff) between an older text and a newer one: removed lines red, added green. */
export const DiffView = ({ before, after }: { before: string; after: string }) => {
  const t = useT();
  const changes = diffLines(before, after);
  if (changes.every((change) => !change.added && !change.removed)) {
    return <Typography>{t('versions.same')}</Typography>;
  }
  return (
    <Box
      tag="pre"
      padding={3}
      background="neutral100"
      hasRadius
      overflow="auto"
      data-testid="version-diff"
      style={{ fontFamily: 'monospace', fontSize: '13px', whiteSpace: 'pre-wrap' }}
    >
      {changes.map((change, index) => (
        <Box
          key={index}
          tag="span"
          display="block"
          background={change.added ? 'success100' : change.removed ? 'danger100' : undefined}
          color={change.added ? 'success700' : change.removed ? 'danger700' : 'neutral800'}
        >
          {change.value
            .replace(/\n$/, '')
            .split('\n')
            .map((line) => `${change.added ? '+ ' : change.removed ? '- ' : '  '}${line}`)
            .join('\n')}
        </Box>
      ))}
    </Box>
  );
};
