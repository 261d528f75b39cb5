import { Box, Flex, Typography } from '@strapi/design-system';
import type { TemplateProblem } from '../../../../shared/contracts/templates';
import { useT } from '../../hooks/useT';

/** Every problem of the draft, with its line and column (and the template, when it is a partial). */
export const ProblemList = ({ problems, name }: { problems: TemplateProblem[]; name: string }) => {
  const t = useT();
  if (problems.length === 0) return null;
  return (
    <Box padding={4} background="danger100" hasRadius role="alert" data-testid="problem-list">
      <Flex direction="column" alignItems="stretch" gap={1}>
        {problems.map((problem, index) => (
          <Typography key={index} textColor="danger700">
            {problem.line !== null
              ? t('problems.at', {
                  line: problem.line,
                  column: problem.column ?? 0,
                  message: problem.message,
                })
              : problem.message}
            {problem.template !== name ? ` (${problem.template})` : ''}
          </Typography>
        ))}
      </Flex>
    </Box>
  );
};
