import { Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useT } from '../../hooks/useT';
import { ClusteringSection } from './ClusteringSection';
import { ProfileLookupSection } from './ProfileLookupSection';
import { SegmentsSection } from './SegmentsSection';

/** Segments with their sizes, the clustering history, and one caller's stored profile. */
export const AudiencePage = () => {
  const t = useT();
  return (
    <Page.Main>
      <Page.Title>{t('audience.title')}</Page.Title>
      <Layouts.Header title={t('audience.title')} subtitle={t('audience.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <SegmentsSection />
          <ClusteringSection />
          <ProfileLookupSection />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
