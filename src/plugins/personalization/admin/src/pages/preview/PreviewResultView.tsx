import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { PreviewResult } from '../../../../shared/contracts/templates';
import { DataTable } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { useT } from '../../hooks/useT';

/** What the caller would get: the variant and why, the content, and every rule considered. */
export const PreviewResultView = ({ result }: { result: PreviewResult }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="preview-result">
      <Section title={t('preview.decision')}>
        <Flex gap={4} wrap="wrap">
          <Typography>
            {t('preview.variant')}:{' '}
            <Badge data-testid="preview-variant">{result.variant ?? t('preview.base')}</Badge>
          </Typography>
          <Typography>
            {t('preview.reason')}: <strong data-testid="preview-reason">{result.reason}</strong>
          </Typography>
          {result.rule && (
            <Typography>
              {t('preview.rule')}: {result.rule.name}
              {result.rule.version !== null ? ` v${result.rule.version}` : ''}
            </Typography>
          )}
          {result.flag && (
            <Typography>
              {t('preview.flag')}: {result.flag.name} (
              {result.flag.enabled ? t('preview.flagOn') : t('preview.flagOff')}
              {result.flag.variant ? `, ${result.flag.variant}` : ''})
            </Typography>
          )}
          <Typography textColor="neutral600">
            {t('preview.available', {
              variants: result.availableVariants.join(', ') || '∅',
            })}
          </Typography>
        </Flex>
      </Section>
      <Section title={t('preview.content')}>
        <Box
          tag="pre"
          padding={3}
          background="neutral100"
          hasRadius
          overflow="auto"
          data-testid="preview-content"
          style={{
            fontFamily: 'monospace',
            fontSize: '13px',
            whiteSpace: 'pre-wrap',
            maxHeight: 320,
          }}
        >
          {JSON.stringify(result.content, null, 2)}
        </Box>
      </Section>
      <Section title={t('preview.trace')}>
        <DataTable
          rows={result.trace}
          rowKey={(step) => step.rule}
          empty={t('preview.noRules')}
          columns={[
            { key: 'rule', label: t('preview.rule'), render: (step) => step.rule },
            { key: 'priority', label: t('rules.priority'), render: (step) => step.priority },
            {
              key: 'version',
              label: t('versions.version'),
              render: (step) => step.templateVersion ?? '',
            },
            { key: 'outcome', label: t('preview.outcome'), render: (step) => step.outcome },
            {
              key: 'flag',
              label: t('preview.flag'),
              render: (step) =>
                step.flag
                  ? `${step.flag.name}: ${step.flag.enabled ? t('preview.flagOn') : t('preview.flagOff')}`
                  : '',
            },
            { key: 'variant', label: t('preview.variant'), render: (step) => step.variant ?? '' },
            { key: 'error', label: t('tests.error'), render: (step) => step.error ?? '' },
            {
              key: 'time',
              label: t('preview.duration'),
              render: (step) => `${step.durationMs.toFixed(2)} ms`,
            },
          ]}
        />
      </Section>
    </Flex>
  );
};
