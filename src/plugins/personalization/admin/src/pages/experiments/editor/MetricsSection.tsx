import { Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { emptyMetricForm } from '../experimentForm';
import { MetricFields } from '../MetricFields';
import type { FormBinding } from './formBinding';

/** The primary metric and the guardrails. */
export const MetricsSection = ({ form, set, readOnly, errorOf }: FormBinding) => {
  const t = useT();
  return (
    <Section title={t('experiments.metrics')}>
      <Typography variant="sigma">{t('experiments.primaryMetric')}</Typography>
      <MetricFields
        prefix="primary"
        metric={form.primaryMetric}
        onChange={set('primaryMetric')}
        disabled={readOnly('primaryMetric')}
        error={errorOf('primaryMetric')}
      />
      <Typography variant="sigma">{t('experiments.guardrailMetrics')}</Typography>
      {form.guardrailMetrics.length === 0 && (
        <Typography textColor="neutral600">{t('experiments.noGuardrails')}</Typography>
      )}
      {form.guardrailMetrics.map((metric, index) => (
        <MetricFields
          key={index}
          prefix={`guardrail-${index}`}
          metric={metric}
          disabled={readOnly('guardrailMetrics')}
          onChange={(changed) =>
            set('guardrailMetrics')(
              form.guardrailMetrics.map((current, at) => (at === index ? changed : current))
            )
          }
          onRemove={() =>
            set('guardrailMetrics')(form.guardrailMetrics.filter((_, at) => at !== index))
          }
        />
      ))}
      <Flex>
        <Button
          variant="secondary"
          startIcon={<Plus />}
          disabled={readOnly('guardrailMetrics')}
          onClick={() => set('guardrailMetrics')([...form.guardrailMetrics, emptyMetricForm()])}
        >
          {t('experiments.addGuardrail')}
        </Button>
      </Flex>
    </Section>
  );
};
